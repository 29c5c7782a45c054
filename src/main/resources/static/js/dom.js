// DOM helpers: the page builds its nodes with these (text always through textContent, never as HTML).

export const $ = (id) => document.getElementById(id);

export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value == null || value === false) continue;
    if (key === 'class') node.className = value;
    else if (key === 'text') node.textContent = value;
    // Styles through the DOM (CSSOM), which the Content-Security-Policy allows; a style attribute it blocks.
    else if (key === 'style') Object.assign(node.style, value);
    else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? '' : value);
  }
  for (const child of children.flat()) {
    if (child != null) node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/** Replaces a node's children; unlike replaceChildren, a null child (a part not shown) is left out, not written as "null". */
export function fill(node, ...children) {
  node.replaceChildren(...children.flat().filter((child) => child != null));
}

/** A KAM's colour, by its place in the plan: the swatch in the portfolio's table and its dots on the map. */
export function kamColor(index) {
  return `hsl(${(index * 137.508) % 360}, 65%, 45%)`;
}
