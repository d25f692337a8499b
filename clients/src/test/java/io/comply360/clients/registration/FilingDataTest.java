package io.comply360.clients.registration;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

class FilingDataTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static RegistrationServiceApi.FilingData read(String status) throws Exception {
        return JSON.readValue("""
                {"registrationId":"6f1f8c1e-4b7a-4c43-9a64-3f0c2b8d9e10","reference":"REG-2026-000042",
                 "country":"ZA","type":"ZA/private-company","status":"%s","companyName":"Acme Trading",
                 "enterpriseNumber":null,"dataVersion":7,"stepVersions":{"company":3},"unknown":"ignored",
                 "data":{"company":{"moi":"standard","shares":{"authorised":1000}},"empty":null},
                 "slots":[{"documentType":"id-document","personId":"0b7f2d4e-1c3a-4d5e-8f9a-0b1c2d3e4f50",
                           "personName":"Thandi Nkosi"}]}
                """.formatted(status), RegistrationServiceApi.FilingData.class);
    }

    @Test
    void theAnswerIsReadWithItsSlotsAndVersions() throws Exception {
        RegistrationServiceApi.FilingData filing = read("SUBMITTED");
        assertThat(filing.dataVersion()).isEqualTo(7);
        assertThat(filing.stepVersions()).containsEntry("company", 3L);
        assertThat(filing.slots()).singleElement().satisfies(slot -> {
            assertThat(slot.documentType()).isEqualTo("id-document");
            assertThat(slot.personName()).isEqualTo("Thandi Nkosi");
        });
        assertThat(filing.closed()).isFalse();
    }

    @Test
    void aDottedPathGivesAScalarAndNothingElse() throws Exception {
        RegistrationServiceApi.FilingData filing = read("SUBMITTED");
        assertThat(filing.at("company.moi")).isEqualTo("standard");
        assertThat(filing.at("company.shares.authorised")).isEqualTo("1000");
        assertThat(filing.at("company.shares")).as("an object is not a value").isNull();
        assertThat(filing.at("empty")).isNull();
        assertThat(filing.at("company.moi.deeper")).isNull();
        assertThat(filing.at("missing.path")).isNull();
    }

    @Test
    void aFilingThatEndedIsClosed() throws Exception {
        assertThat(read("REGISTERED").closed()).isTrue();
        assertThat(read("REJECTED").closed()).isTrue();
        assertThat(read("CANCELLED").closed()).isTrue();
        assertThat(read("IN_REVIEW").closed()).isFalse();
    }
}
