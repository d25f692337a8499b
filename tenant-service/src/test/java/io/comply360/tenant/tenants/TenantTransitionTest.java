package io.comply360.tenant.tenants;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import io.comply360.platform.error.ProblemException;
import io.comply360.platform.error.ProblemType;
import io.comply360.tenant.tenants.TenantService.Transition;

/** The rules of a tenant's life, without Quarkus. */
class TenantTransitionTest {

    @Test
    void anActiveTenantCanBeSuspendedOrClosedAndASuspendedOneReactivatedOrClosed() {
        assertThat(Transition.SUSPEND.applyTo(TenantStatus.active)).isEqualTo(TenantStatus.suspended);
        assertThat(Transition.CLOSE.applyTo(TenantStatus.active)).isEqualTo(TenantStatus.closed);
        assertThat(Transition.REACTIVATE.applyTo(TenantStatus.suspended)).isEqualTo(TenantStatus.active);
        assertThat(Transition.CLOSE.applyTo(TenantStatus.suspended)).isEqualTo(TenantStatus.closed);
    }

    @Test
    void onlyAProvisioningTenantCanBeCancelled() {
        assertThat(Transition.CANCEL.applyTo(TenantStatus.provisioning)).isEqualTo(TenantStatus.cancelled);
        for (TenantStatus other : new TenantStatus[] {
            TenantStatus.active, TenantStatus.suspended, TenantStatus.closed, TenantStatus.cancelled
        }) {
            assertConflict(Transition.CANCEL, other);
        }
    }

    @Test
    void aTenantThatNeverServedAnyoneCannotBeSuspendedOrClosedAndTheEndsAreFinal() {
        assertConflict(Transition.SUSPEND, TenantStatus.provisioning);
        assertConflict(Transition.CLOSE, TenantStatus.provisioning);
        assertConflict(Transition.REACTIVATE, TenantStatus.closed);
        assertConflict(Transition.REACTIVATE, TenantStatus.cancelled);
        assertConflict(Transition.SUSPEND, TenantStatus.suspended);
        assertConflict(Transition.REACTIVATE, TenantStatus.active);
    }

    private static void assertConflict(Transition transition, TenantStatus from) {
        assertThatThrownBy(() -> transition.applyTo(from))
                .isInstanceOfSatisfying(
                        ProblemException.class,
                        problem -> assertThat(problem.type()).isEqualTo(ProblemType.CONFLICT));
    }
}
