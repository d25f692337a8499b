package io.comply360.notification.template;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.qute.Engine;
import io.quarkus.qute.Expression;
import io.quarkus.qute.HtmlEscaper;
import io.quarkus.qute.IfSectionHelper;
import io.quarkus.qute.LoopSectionHelper;
import io.quarkus.qute.SectionBlock;
import io.quarkus.qute.SectionNode;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateException;
import io.quarkus.qute.TemplateNode;
import io.quarkus.qute.ValueResolvers;
import io.quarkus.qute.Variant;
import io.quarkus.qute.WhenSectionHelper;
import io.quarkus.qute.WithSectionHelper;

/**
 * The Qute engine every message is rendered with, built-in and tenants' templates alike. A sandbox, not the
 * application's engine: a tenant's template sees only the view model (maps of text and lists), with no namespaces
 * ({@code inject:}, {@code config:}), no {@code include} or {@code eval}, no {@code raw} output (HTML parts are
 * escaped), and no arithmetic; strict rendering, so a name the view model lacks is an error at save time, not a
 * blank at send time. What a template costs is bounded: integer loops ({@code {#for i in 1000000000}}), a loop
 * inside a loop (each multiplies the work of the one outside it), sections nested more than {@value #MAX_DEPTH}
 * deep and expressions or section tags longer than {@value #MAX_TAG} characters (an "or" chain of thousands, brackets
 * nested thousands deep: their rendering recurses per part) are refused by {@link #compile}, and a rendering stops at
 * {@value #MAX_OUTPUT} characters. The bounds are counted, never left to a stack that may or may not overflow.
 */
@ApplicationScoped
public class Sandbox {

    /** Largest integer literal a template may hold: loops over an integer run that many times. */
    private static final long MAX_LITERAL = 100;

    /** Deepest nesting of sections: messages need a few levels, and rendering recurses per level. */
    static final int MAX_DEPTH = 10;

    /** Longest expression or section tag: messages need a few names ({@code {#if filing.enterpriseNumber}}). */
    static final int MAX_TAG = 200;

    /** Longest text a part renders to (the largest source is 50,000 characters): more is a loop gone wild. */
    static final int MAX_OUTPUT = 100_000;

    private static final String TOO_DEEP = "nests too deeply (parentheses, sections or \"or\" chains)";

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
                    ValueResolvers.mapperResolver(),
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
        } catch (StackOverflowError e) {
            // The parser recurses per level of parentheses: thousands of them exhaust the stack, not the heap.
            throw new Broken(0, TOO_DEEP);
        }
        checkNesting(template.getNodes(), 0, false);
        for (Expression expression : template.getExpressions()) {
            String original = expression.toOriginalString();
            if (original.length() > MAX_TAG) {
                throw new Broken(
                        expression.getOrigin().getLine(),
                        "{" + original.substring(0, 20) + "…}: an expression may be at most " + MAX_TAG
                                + " characters long");
            }
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

    /**
     * Sections at most {@value #MAX_DEPTH} deep and no loop inside a loop (loops run at most {@value #MAX_LITERAL}
     * times or over a list of the view model, so the work of a template grows with its length, never exponentially).
     */
    private static void checkNesting(List<TemplateNode> nodes, int depth, boolean inLoop) {
        for (TemplateNode node : nodes) {
            if (!node.isSection()) {
                continue;
            }
            SectionNode section = node.asSection();
            boolean loop = section.getHelper() instanceof LoopSectionHelper;
            int line = section.getOrigin().getLine();
            if (depth >= MAX_DEPTH) {
                throw new Broken(
                        line, "{#" + section.getName() + "}: sections may be nested at most " + MAX_DEPTH + " deep");
            }
            for (SectionBlock block : section.getBlocks()) {
                int length = block.parameters.values().stream()
                        .mapToInt(value -> value.length() + 1)
                        .sum();
                if (length > MAX_TAG) {
                    throw new Broken(
                            block.origin.getLine(),
                            "{#" + section.getName() + " …}: a section's tag may be at most " + MAX_TAG
                                    + " characters long");
                }
            }
            if (loop && inLoop) {
                throw new Broken(line, "{#" + section.getName() + "}: a loop inside another loop is not allowed");
            }
            for (SectionBlock block : section.getBlocks()) {
                checkNesting(block.nodes, depth + 1, inLoop || loop);
            }
        }
    }

    /**
     * Renders a compiled part; {@link Broken} with the line for a name the model lacks or a failing section, and when
     * it would be longer than {@value #MAX_OUTPUT} characters (it stops there).
     */
    public String render(Template template, Map<String, Object> model) {
        StringBuilder out = new StringBuilder();
        try {
            // The view model is maps and lists: every value resolves at once, so the rendering is done on return.
            template.data(model)
                    .consume(chunk -> {
                        if (out.length() + chunk.length() > MAX_OUTPUT) {
                            throw new Broken(0, "renders to more than " + MAX_OUTPUT + " characters");
                        }
                        out.append(chunk);
                    })
                    .toCompletableFuture()
                    .join();
            return out.toString();
        } catch (CompletionException e) {
            throw broken(e.getCause() == null ? e : e.getCause());
        } catch (RuntimeException | StackOverflowError e) {
            throw broken(e);
        }
    }

    private static Broken broken(Throwable e) {
        if (e instanceof Broken known) {
            return known;
        }
        if (e instanceof TemplateException template) {
            return broken(template);
        }
        if (e instanceof StackOverflowError || e.getCause() instanceof StackOverflowError) {
            return new Broken(0, TOO_DEEP);
        }
        if (e.getCause() instanceof TemplateException template) {
            return broken(template);
        }
        return new Broken(0, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
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
