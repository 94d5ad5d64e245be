package cn.partybuilding.training;

import java.util.List;

/** A training class organised: its id and its sessions' ids, in time order. */
public record OrganisedClass(long classId, List<Long> sessionIds) {
}
