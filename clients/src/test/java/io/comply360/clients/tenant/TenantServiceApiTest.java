package io.comply360.clients.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

class TenantServiceApiTest {

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

    @Test
    void aPersonAsTenantServiceAnswersIsReadWithItsContactAndRoles() throws Exception {
        TenantServiceApi.Person person = JSON.readValue("""
                {"id":"u-1","firstName":"Thandi","lastName":"Nkosi","email":"thandi@acme.test","phone":"+27821234567",
                 "locale":"en-ZA","enabled":true,"roles":["agent","reviewer"],"createdAt":"2026-01-01T00:00:00Z"}
                """, TenantServiceApi.Person.class);
        assertThat(person.email()).isEqualTo("thandi@acme.test");
        assertThat(person.locale()).isEqualTo("en-ZA");
        assertThat(person.enabled()).isTrue();
        assertThat(person.roles()).containsExactly("agent", "reviewer");
        assertThat(person.displayName()).isEqualTo("Thandi Nkosi");
    }

    @Test
    void aPersonWithoutANameIsCalledByTheirEmailElseTheirId() {
        assertThat(new TenantServiceApi.Person("u-2", " ", null, "ops@acme.test", null, null, true, null).displayName())
                .isEqualTo("ops@acme.test");
        assertThat(new TenantServiceApi.Person("u-3", null, null, null, null, null, false, null).displayName())
                .isEqualTo("u-3");
        assertThat(new TenantServiceApi.Person("u-4", "Sipho", null, null, null, null, true, null).displayName())
                .isEqualTo("Sipho");
    }

    @Test
    void aTenantIsReadWithItsSlaAndTheRestIgnored() throws Exception {
        TenantServiceApi.TenantInfo tenant = JSON.readValue("""
                {"id":"2b0c0a52-3c1e-4f0e-9d7c-0e1f2a3b4c5d","slug":"acme","legalName":"Acme (Pty) Ltd",
                 "countries":["ZA"],"tier":"starter","status":"ACTIVE","branding":{"displayName":"Acme"},
                 "sla":{"targets":{"SUBMITTED":16},"timeZone":"Africa/Johannesburg",
                        "businessHours":{"days":["MONDAY","FRIDAY"],"opens":"08:00","closes":"17:00"}}}
                """, TenantServiceApi.TenantInfo.class);
        assertThat(tenant.slug()).isEqualTo("acme");
        assertThat(tenant.sla().targets()).containsEntry("SUBMITTED", 16);
        assertThat(tenant.sla().businessHours().days()).containsExactly(DayOfWeek.MONDAY, DayOfWeek.FRIDAY);
    }
}
