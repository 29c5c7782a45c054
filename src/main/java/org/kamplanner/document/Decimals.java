package org.kamplanner.document;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.math.BigDecimal;
import java.math.BigInteger;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * At most {@code value} decimals, trailing zeros not counted: {@code 1000.50} has one. Bean Validation's
 * own {@code @Digits} counts the zeros a client happened to write and also bounds the integer digits,
 * which {@code @DecimalMax} already does with a message that names the cap.
 */
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.TYPE_USE })
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = Decimals.Check.class)
public @interface Decimals {

    int value();

    /** A key of the message bundles, worded by PlanValidator with {@code value} filled in. */
    String message() default "error.bound.decimals";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Check implements ConstraintValidator<Decimals, BigDecimal> {

        private int decimals;

        @Override
        public void initialize(Decimals annotation) {
            decimals = annotation.value();
        }

        /**
         * One division at most, never stripTrailingZeros: that divides by ten once per zero, which a CSV
         * cell of a million zeros (no JSON number length limit there) would turn into minutes of work.
         */
        @Override
        public boolean isValid(BigDecimal value, ConstraintValidatorContext context) {
            if (value == null || value.scale() <= decimals || value.signum() == 0) {
                return true;
            }
            int excess = value.scale() - decimals; // the last digits that must all be zeros
            return excess < value.precision()
                    && value.unscaledValue().mod(BigInteger.TEN.pow(excess)).signum() == 0;
        }
    }
}
