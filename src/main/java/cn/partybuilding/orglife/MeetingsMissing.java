package cn.partybuilding.orglife;

import java.time.LocalDate;
import java.util.List;

/**
 * A period is about to end and these branches still miss required meetings: each branch's secretary
 * and committee are told, and so is the general branch above them.
 */
public record MeetingsMissing(String period, LocalDate periodEnds, List<ComplianceGap> gaps) {
}
