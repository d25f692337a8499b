package io.comply360.commission.ratecard;

import java.math.BigDecimal;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** A rate card's terms for one filing type: the agency's professional fee and the agent's rule. */
@RegisterForReflection
public record RateLine(String country, String type, BigDecimal professionalFee, AgentRule agentRule) {}
