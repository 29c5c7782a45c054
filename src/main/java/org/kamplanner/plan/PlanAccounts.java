package org.kamplanner.plan;

import java.util.ArrayList;
import java.util.List;

import org.kamplanner.audit.AuditLog;
import org.kamplanner.words.Words;
import org.kamplanner.errors.NotFoundException;
import org.kamplanner.document.FieldProblem;
import org.kamplanner.document.InvalidPlanException;
import org.kamplanner.document.PlanDocument;
import org.kamplanner.document.PlanFactory;
import org.kamplanner.document.PlanValidator;
import org.kamplanner.domain.Account;
import org.kamplanner.domain.AssignmentPlan;
import org.kamplanner.domain.Kam;
import org.kamplanner.explain.AccountExplanation;
import org.kamplanner.explain.PlanExplainer;
import org.kamplanner.explain.Recommendation;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One account of a stored plan: why it is where it is, where it (or a new account) would best go,
 * and adding a new account for real. A new account is validated like a document account, by
 * validating the plan's input with the account appended, and built by the same PlanFactory method
 * as every account of the plan, so it costs what it would cost in a submitted document.
 */
@Service
public class PlanAccounts {

    /** POST /plans/{id}/recommendations: an account of the plan, or a new one. */
    public record RecommendationRequest(String accountId, PlanDocument.Account account) {
    }

    /** POST /plans/{id}/accounts. */
    public record AddAccountRequest(PlanDocument.Account account, String kamId) {
    }

    private final PlanRegistry registry;
    private final PlanStore store;
    private final PlanBounds bounds;
    private final PlanService plans;
    private final PlanExplainer explainer;
    private final PlanValidator validator;
    private final AuditLog audit;
    private final TransactionTemplate transactions;

    PlanAccounts(PlanRegistry registry, PlanStore store, PlanBounds bounds, PlanService plans,
            PlanExplainer explainer, PlanValidator validator, AuditLog audit, TransactionTemplate transactions) {
        this.audit = audit;
        this.transactions = transactions;
        this.registry = registry;
        this.store = store;
        this.bounds = bounds;
        this.plans = plans;
        this.explainer = explainer;
        this.validator = validator;
    }

    public AccountExplanation explanation(String planId, String accountId) {
        AssignmentPlan best = registry.find(planId).best();
        return explainer.explainAccount(best, account(best, planId, accountId));
    }

    public List<Recommendation> recommendations(String planId, RecommendationRequest request) {
        StoredPlan.Contents contents = registry.find(planId).contents();
        PlanDocument input = contents.input();
        AssignmentPlan best = contents.best();
        if (request == null || (request.accountId() == null) == (request.account() == null)) {
            throw InvalidPlanException.of("$", Words.text("error.account.either"));
        }
        Account account = request.accountId() != null ? account(best, planId, request.accountId())
                : newAccount(input, best, request.account());
        return explainer.recommend(best, account);
    }

    /** Adds the account to a plan that is no longer solving, assigned to kamId, and rescores it. */
    public PlanDocument add(String planId, AddAccountRequest request) {
        StoredPlan stored = registry.find(planId);
        if (request == null || request.account() == null) {
            throw InvalidPlanException.of("account", Words.text("error.account.missing"));
        }
        // One add at a time per plan, and none while a solver could still hand over a best plan.
        synchronized (stored) {
            PlanStatus status = stored.snapshot().status();
            if (!status.isFinal()) {
                throw new PlanConflictException(planId, status, "addWhileSolving");
            }
            PlanApproval.requireDraft(stored);
            StoredPlan.Contents contents = stored.contents();
            PlanDocument input = contents.input();
            AssignmentPlan best = contents.best();
            PlanDocument.Account given = request.account();
            PlanDocument.Account assigned = given.withAssignedKamId(request.kamId());
            Kam kam = best.getKams().stream().filter(k -> k.getId().equals(request.kamId())).findFirst().orElse(null);
            if (request.kamId() == null || kam == null || !kam.isActive()) {
                throw InvalidPlanException.of("kamId", request.kamId() == null ? Words.text("error.account.noKam")
                        : kam == null ? Words.text("error.field.unknown.KAM", request.kamId())
                        : Words.text("error.account.inactiveKam", request.kamId()));
            }
            Account account = newAccount(input, best, assigned);
            account.setKam(kam);
            List<Account> accounts = new ArrayList<>(best.getAccounts());
            accounts.add(account);
            stored.accountAdded(withAccount(input, assigned), explainer.scored(best.withAccounts(accounts)));
            // The stored document and its audit entry, both or neither.
            transactions.executeWithoutResult(tx -> {
                store.documentChanged(stored);
                audit.record(AuditLog.Action.ACCOUNT_ADD, planId, "audit.detail.accountAdded", given.id(), kam.getId());
            });
            bounds.computeLater(stored);
        }
        return plans.document(planId);
    }

    private static Account account(AssignmentPlan plan, String planId, String accountId) {
        return plan.getAccounts().stream().filter(a -> a.getId().equals(accountId)).findFirst()
                .orElseThrow(() -> new NotFoundException(Words.text("error.notFound.account", accountId, planId)));
    }

    /**
     * Validates the account as the last account of the plan's input, so every document rule holds
     * (references, enums, ranges, a duplicate id), and reports its problems under {@code account}.
     */
    private Account newAccount(PlanDocument input, AssignmentPlan best, PlanDocument.Account given) {
        PlanDocument extended = withAccount(input, given);
        String prefix = "accounts[" + (extended.accounts().size() - 1) + "]";
        try {
            validator.validate(extended);
        } catch (InvalidPlanException e) {
            throw new InvalidPlanException(e.problems().stream()
                    .map(p -> p.path().startsWith(prefix)
                            ? new FieldProblem("account" + p.path().substring(prefix.length()), p.message()) : p)
                    .toList());
        }
        return PlanFactory.account(given, PlanFactory.Lookups.of(best));
    }

    private static PlanDocument withAccount(PlanDocument d, PlanDocument.Account account) {
        List<PlanDocument.Account> accounts = new ArrayList<>(d.accounts() == null ? List.of() : d.accounts());
        accounts.add(account);
        return d.withAccounts(accounts);
    }
}
