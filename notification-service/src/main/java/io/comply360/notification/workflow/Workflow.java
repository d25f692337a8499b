package io.comply360.notification.workflow;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Who is told of one kind of event, and how. {@code name} is the event type (or {@code digest}); a rule marked
 * critical reaches its people whatever their preferences say, and at any hour.
 */
public record Workflow(String name, String description, List<Rule> rules) {

    /** One audience, its channels, and whether opting out applies. */
    public record Rule(Audience audience, Set<Channel> channels, boolean critical) {

        public Rule {
            channels = Set.copyOf(channels);
        }
    }

    public Workflow {
        rules = List.copyOf(rules);
    }

    /** Every channel any rule of this workflow uses: the templates it has, the preferences it offers. */
    public Set<Channel> channels() {
        Set<Channel> all = EnumSet.noneOf(Channel.class);
        rules.forEach(rule -> all.addAll(rule.channels()));
        return all;
    }

    /** Whether every rule is critical: such a workflow cannot be switched off. */
    public boolean critical() {
        return rules.stream().allMatch(Rule::critical);
    }
}
