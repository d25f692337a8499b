package io.comply360.notification.preference;

import java.util.List;
import java.util.Map;

/**
 * A person's preferences with every workflow they can be told of: its channels (on or off) and whether it is
 * critical (critical messages come whatever is switched off).
 */
public record PreferencesView(
        boolean optedOut,
        String timeZone,
        PreferencesRequest.QuietHours quietHours,
        PreferencesRequest.Digest digest,
        List<WorkflowView> workflows) {

    public record WorkflowView(String workflow, String description, boolean critical, Map<String, Boolean> channels) {}
}
