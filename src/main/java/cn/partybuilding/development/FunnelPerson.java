package cn.partybuilding.development;

import java.time.LocalDate;

/** A person behind one stage of the development funnel: who took the step, at which organisation, on which day. */
public record FunnelPerson(long id, String name, long organizationId, LocalDate doneOn) {
}
