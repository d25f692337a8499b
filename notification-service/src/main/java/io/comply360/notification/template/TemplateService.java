package io.comply360.notification.template;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.comply360.notification.recipient.Locales;
import io.comply360.notification.workflow.Channel;
import io.comply360.notification.workflow.Workflow;
import io.comply360.notification.workflow.Workflows;
import io.comply360.platform.data.TenantTransactions;
import io.comply360.platform.data.audit.AuditTrail;
import io.comply360.platform.error.FieldError;
import io.comply360.platform.error.ProblemException;
import io.comply360.platform.error.ProblemType;
import io.comply360.platform.validation.Text;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/**
 * Templates per workflow, channel and locale: the built-in ones and tenants' own versions. A tenant's template is
 * compiled and rendered with sample data before it is saved (a broken one is refused with the line), versioned, and
 * previewed with the agency's branding.
 */
@ApplicationScoped
public class TemplateService {

    /** Largest source of each part: the request's bounds, checked here too so a part is never rendered past them. */
    static final Map<String, Integer> MAX_SOURCE = Map.of(
            "subject", TemplateRequest.MAX_SUBJECT, "body", TemplateRequest.MAX_BODY, "html", TemplateRequest.MAX_HTML);

    /** Longest rendered subject (mail clients cut longer ones) and SMS (ten concatenated segments). */
    static final int MAX_SUBJECT = 200;

    static final int MAX_SMS = 1_600;

    /** The template a message is rendered with: built-in ({@code default}, version 0) or the tenant's. */
    public record Effective(String source, int version, Parts parts) {}

    /** The key of a template, checked: a workflow, one of its channels, a supported locale. */
    public record Key(Workflow workflow, Channel channel, String locale) {}

    private final TenantTransactions tx;
    private final TemplateRepository templates;
    private final DefaultTemplates defaults;
    private final Sandbox sandbox;
    private final AuditTrail audit;
    private final Clock clock;

    public TemplateService(
            TenantTransactions tx,
            TemplateRepository templates,
            DefaultTemplates defaults,
            Sandbox sandbox,
            AuditTrail audit,
            Clock clock) {
        this.tx = tx;
        this.templates = templates;
        this.defaults = defaults;
        this.sandbox = sandbox;
        this.audit = audit;
        this.clock = clock;
    }

    /** The key of {@code workflow/channel/locale}; 404 for a template that does not exist. */
    public static Key key(String workflow, String channel, String locale) {
        Workflow found = Workflows.of(workflow).orElseThrow(() -> ProblemException.notFound("Template"));
        Channel ch = Channel.of(channel)
                .filter(found.channels()::contains)
                .orElseThrow(() -> ProblemException.notFound("Template"));
        if (!Locales.SUPPORTED.contains(locale)) {
            throw ProblemException.notFound("Template");
        }
        return new Key(found, ch, locale);
    }

    /** The template in force, in the caller's tenant transaction. */
    public Uni<Effective> effective(Key key) {
        return templates
                .latest(key.workflow().name(), key.channel().wire(), key.locale())
                .map(latest -> latest == null || latest.reverted
                        ? new Effective("default", 0, defaults.of(key.workflow().name(), key.channel(), key.locale()))
                        : new Effective("tenant", latest.version, parts(key, latest)));
    }

    /**
     * Renders a message. A tenant's template that fails at send time (it rendered with the sample data when saved, so
     * this means a bug) falls back to the built-in one rather than leave the person untold.
     */
    public Rendered render(Key key, Effective template, ViewModel model) {
        try {
            return new Rendered(template, renderParts(key.channel(), template.parts(), model));
        } catch (Sandbox.Broken e) {
            if (template.source().equals("default")) {
                throw new IllegalStateException("Built-in template " + key + " does not render: " + e.describe(), e);
            }
            Log.errorf(
                    "Template %s/%s/%s v%d of the tenant does not render (%s): the built-in one is used",
                    key.workflow().name(), key.channel().wire(), key.locale(), template.version(), e.describe());
            Effective fallback =
                    new Effective("default", 0, defaults.of(key.workflow().name(), key.channel(), key.locale()));
            return new Rendered(fallback, renderParts(key.channel(), fallback.parts(), model));
        }
    }

    /** A rendered message and the template it came from. */
    public record Rendered(Effective template, Parts parts) {}

    public Uni<TemplateView> get(UUID tenantId, Key key) {
        return tx.inTenant(
                tenantId,
                () -> templates
                        .latest(key.workflow().name(), key.channel().wire(), key.locale())
                        .map(latest -> view(key, latest)));
    }

    public Uni<List<TemplateView.Summary>> list(UUID tenantId) {
        return tx.inTenant(
                tenantId,
                () -> templates.allLatest().map(latest -> {
                    Map<String, TemplateVersion> changed = new HashMap<>();
                    latest.forEach(v -> changed.put(v.workflow + "/" + v.channel + "/" + v.locale, v));
                    List<TemplateView.Summary> all = new ArrayList<>();
                    for (Workflow workflow : Workflows.all()) {
                        for (Channel channel : Channel.values()) {
                            if (!workflow.channels().contains(channel)) {
                                continue;
                            }
                            for (String locale : Locales.SUPPORTED) {
                                TemplateVersion v = changed.get(workflow.name() + "/" + channel.wire() + "/" + locale);
                                boolean own = v != null && !v.reverted;
                                all.add(new TemplateView.Summary(
                                        workflow.name(),
                                        channel.wire(),
                                        locale,
                                        own ? "tenant" : "default",
                                        v == null ? 0 : v.version,
                                        v == null ? null : v.createdAt,
                                        v == null ? null : v.createdBy));
                            }
                        }
                    }
                    return all;
                }));
    }

    public Uni<List<TemplateView.Version>> versions(UUID tenantId, Key key) {
        return tx.inTenant(
                tenantId,
                () -> templates
                        .versions(key.workflow().name(), key.channel().wire(), key.locale())
                        .map(versions -> versions.stream()
                                .map(v -> new TemplateView.Version(
                                        v.version, v.reverted, v.subject, v.body, v.html, v.createdBy, v.createdAt))
                                .toList()));
    }

    /** Checks a tenant's template by compiling and rendering it with sample data; 422 naming the parts that broke. */
    public void validate(Key key, TemplateRequest request, ViewModel sample) {
        List<FieldError> errors = new ArrayList<>();
        Map<String, String> given = new java.util.LinkedHashMap<>();
        given.put("subject", request.subject());
        given.put("body", request.body());
        given.put("html", request.html());
        List<String> required = switch (key.channel()) {
            case EMAIL, IN_APP -> List.of("subject", "body");
            case SMS -> List.of("body");
        };
        List<String> allowed = switch (key.channel()) {
            case EMAIL -> List.of("subject", "body", "html");
            case IN_APP -> List.of("subject", "body");
            case SMS -> List.of("body");
        };
        given.forEach((part, source) -> {
            if (source == null) {
                if (required.contains(part)) {
                    errors.add(new FieldError(
                            part, "is required for " + key.channel().wire() + " templates"));
                }
                return;
            }
            if (!allowed.contains(part)) {
                errors.add(
                        new FieldError(part, "is not part of " + key.channel().wire() + " templates"));
                return;
            }
            if (source.length() > MAX_SOURCE.get(part)) {
                errors.add(new FieldError(part, "must be at most " + MAX_SOURCE.get(part) + " characters"));
                return;
            }
            String problem = Text.problemOf(source);
            if (problem != null) {
                errors.add(new FieldError(part, problem));
                return;
            }
            if (Text.isBlank(source)) {
                errors.add(new FieldError(part, "must not be blank"));
                return;
            }
            try {
                String rendered = sandbox.render(source, part.equals("html"), sample.asMap());
                if (part.equals("subject") && (rendered.contains("\n") || rendered.length() > MAX_SUBJECT)) {
                    errors.add(
                            new FieldError(part, "must render to one line of at most " + MAX_SUBJECT + " characters"));
                }
                if (key.channel() == Channel.SMS && rendered.length() > MAX_SMS) {
                    errors.add(new FieldError(part, "renders to more than " + MAX_SMS + " characters"));
                }
            } catch (Sandbox.Broken e) {
                errors.add(new FieldError(part, e.describe()));
            }
        });
        if (!errors.isEmpty()) {
            throw new ProblemException(ProblemType.VALIDATION_FAILED, "The template does not render", errors);
        }
    }

    /** Saves a checked template as the next version (concurrent saves of one template are serialised). */
    public Uni<TemplateView> save(UUID tenantId, String actor, String actorRole, Key key, TemplateRequest request) {
        return store(tenantId, actor, actorRole, key, request, false);
    }

    /** Puts the built-in template back (a version that says so; history is kept). */
    public Uni<TemplateView> revert(UUID tenantId, String actor, String actorRole, Key key) {
        return store(tenantId, actor, actorRole, key, new TemplateRequest(null, null, null), true);
    }

    private Uni<TemplateView> store(
            UUID tenantId, String actor, String actorRole, Key key, TemplateRequest request, boolean reverted) {
        String target = key.workflow().name() + "/" + key.channel().wire() + "/" + key.locale();
        return tx.inTenant(
                tenantId,
                () -> Panache.getSession()
                        .chain(session -> session.createNativeQuery("select pg_advisory_xact_lock(hashtextextended("
                                        + "'templates:' || current_setting('app.tenant_id') || :key, 0))")
                                .setParameter("key", target)
                                .getSingleResult())
                        .chain(() -> templates.latest(
                                key.workflow().name(), key.channel().wire(), key.locale()))
                        .chain(latest -> {
                            TemplateVersion next = new TemplateVersion();
                            next.id = UUID.randomUUID();
                            next.tenantId = tenantId;
                            next.workflow = key.workflow().name();
                            next.channel = key.channel().wire();
                            next.locale = key.locale();
                            next.version = latest == null ? 1 : latest.version + 1;
                            next.reverted = reverted;
                            next.subject = request.subject();
                            next.body = request.body();
                            next.html = request.html();
                            next.createdBy = actor;
                            next.createdAt = clock.instant();
                            return templates
                                    .persist(next)
                                    .chain(() -> audit.record(
                                            tenantId,
                                            actor,
                                            actorRole,
                                            reverted ? "template.reverted" : "template.saved",
                                            "template:" + target,
                                            Map.of("version", next.version)))
                                    .map(ignored -> view(key, next));
                        }));
    }

    /** Renders a template (the one in force, or a draft) with sample data and the agency's branding. */
    public Uni<Parts> preview(UUID tenantId, Key key, TemplateRequest draft, ViewModel sample) {
        if (draft != null) {
            validate(key, draft, sample);
            return Uni.createFrom().item(renderParts(key.channel(), parts(key, draft), sample));
        }
        return tx.inTenant(tenantId, () -> effective(key))
                .map(template -> render(key, template, sample).parts());
    }

    private Parts renderParts(Channel channel, Parts parts, ViewModel model) {
        Map<String, Object> data = model.asMap();
        String subject = parts.subject() == null
                ? null
                : sandbox.render(parts.subject(), false, data).strip();
        String body = sandbox.render(parts.body(), false, data).strip();
        String html = parts.html() == null ? null : sandbox.render(parts.html(), true, data);
        return new Parts(subject, body, channel == Channel.EMAIL ? html : null);
    }

    /** A tenant's parts as templates: an e-mail's text body gets the agency frame, and HTML is made from it if absent. */
    private Parts parts(Key key, TemplateVersion version) {
        return parts(key, new TemplateRequest(version.subject, version.body, version.html));
    }

    private Parts parts(Key key, TemplateRequest request) {
        if (key.channel() != Channel.EMAIL) {
            return new Parts(request.subject(), request.body(), null);
        }
        String html = request.html() != null
                ? request.html()
                : defaults.html(request.body(), request.subject(), key.locale());
        return new Parts(request.subject(), request.body(), html);
    }

    private TemplateView view(Key key, TemplateVersion latest) {
        boolean own = latest != null && !latest.reverted;
        Parts parts = own
                ? new Parts(latest.subject, latest.body, latest.html)
                : defaults.of(key.workflow().name(), key.channel(), key.locale());
        return new TemplateView(
                key.workflow().name(),
                key.channel().wire(),
                key.locale(),
                own ? "tenant" : "default",
                latest == null ? 0 : latest.version,
                parts.subject(),
                parts.body(),
                parts.html(),
                latest == null ? null : latest.createdAt,
                latest == null ? null : latest.createdBy,
                ViewModel.NAMES);
    }
}
