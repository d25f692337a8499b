package io.comply360.notification.template;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.qute.Engine;
import io.quarkus.qute.Expression;
import io.quarkus.qute.HtmlEscaper;
import io.quarkus.qute.IfSectionHelper;
import io.quarkus.qute.LoopSectionHelper;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateException;
import io.quarkus.qute.ValueResolvers;
import io.quarkus.qute.Variant;
import io.quarkus.qute.WhenSectionHelper;
import io.quarkus.qute.WithSectionHelper;

/**
 * The Qute engine every message is rendered with, built-in and tenants' templates alike. A sandbox, not the
 * application's engine: a tenant's template sees only the view model (maps of text and lists), with no namespaces
 * ({@code inject:}, {@code config:}), no {@code include} or {@code eval}, no {@code raw} output (HTML parts are
 * escaped), and no arithmetic; strict rendering, so a name the view model lacks is an error at save time, not a
 * blank at send time. Integer loops ({@code {#for i in 1000000000}}) are refused by {@link #compile}.
 */
@ApplicationScoped
public class Sandbox {

    /** Largest integer literal a template may hold: loops over an integer run that many times. */
    private static final long MAX_LITERAL = 100;

    /** A template part that does not compile or render: the line and what is wrong there. */
    public static final class Broken extends RuntimeException {

        private final int line;

        Broken(int line, String message) {
            super(message, null, false, false);
            this.line = line;
        }

        public int line() {
            return line;
        }

        /** "line 3: …" as the API shows it. */
        public String describe() {
            return line > 0 ? "line " + line + ": " + getMessage() : getMessage();
        }
    }

    private final Engine engine = Engine.builder()
            .addSectionHelper(new LoopSectionHelper.Factory())
            .addSectionHelper(new IfSectionHelper.Factory())
            .addSectionHelper(new WhenSectionHelper.Factory())
            .addSectionHelper(new WithSectionHelper.Factory())
            .addValueResolvers(
                    ValueResolvers.mapResolver(),
                    ValueResolvers.mapEntryResolver(),
                    ValueResolvers.listResolver(),
                    ValueResolvers.collectionResolver(),
                    ValueResolvers.thisResolver(),
                    ValueResolvers.orResolver(),
                    ValueResolvers.orEmpty(),
                    ValueResolvers.trueResolver(),
                    ValueResolvers.logicalAndResolver(),
                    ValueResolvers.logicalOrResolver(),
                    ValueResolvers.equalsResolver())
            .addResultMapper(new HtmlEscaper(List.of(Variant.TEXT_HTML)))
            .strictRendering(true)
            .removeStandaloneLines(true)
            .build();

    /** Parses a part; {@link Broken} with the line for a syntax error or an expression this sandbox refuses. */
    public Template compile(String source, boolean html) {
        Template template;
        try {
            template = engine.parse(source, Variant.forContentType(html ? Variant.TEXT_HTML : Variant.TEXT_PLAIN));
        } catch (TemplateException e) {
            throw broken(e);
        }
        for (Expression expression : template.getExpressions()) {
            if (expression.hasNamespace()) {
                throw new Broken(
                        expression.getOrigin().getLine(),
                        "{" + expression.toOriginalString() + "}: namespaces are not available in templates");
            }
            if (expression.isLiteral()
                    && expression.getLiteral() instanceof Number number
                    && Math.abs(number.longValue()) > MAX_LITERAL) {
                throw new Broken(
                        expression.getOrigin().getLine(),
                        "{" + expression.toOriginalString() + "}: numbers above " + MAX_LITERAL + " are not allowed");
            }
        }
        return template;
    }

    /** Renders a compiled part; {@link Broken} with the line for a name the model lacks or a failing section. */
    public String render(Template template, Map<String, Object> model) {
        try {
            return template.data(model).render();
        } catch (TemplateException e) {
            throw broken(e);
        } catch (RuntimeException e) {
            Throwable cause = e.getCause();
            if (cause instanceof TemplateException template1) {
                throw broken(template1);
            }
            throw new Broken(0, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
    }

    /** Compiles and renders a part in one go. */
    public String render(String source, boolean html, Map<String, Object> model) {
        return render(compile(source, html), model);
    }

    private static Broken broken(TemplateException e) {
        int line = e.getOrigin() == null ? 0 : e.getOrigin().getLine();
        String message = e.getMessage() == null ? "cannot be read" : e.getMessage();
        // Qute prefixes its messages with the template's generated id and position; the API gives the line.
        message = message.replaceFirst("^Rendering error in template \\[[^\\]]*\\][^:]*:\\s*", "")
                .replaceFirst("^Parser error in template \\[[^\\]]*\\][^:]*:\\s*", "")
                .replaceFirst("^Rendering error:\\s*", "")
                .replaceFirst("^Parser error:\\s*", "");
        List<String> lines = new ArrayList<>(List.of(message.split("\n")));
        return new Broken(line, lines.get(0).strip());
    }
}
