package cn.partybuilding.dues;

import java.util.List;

/** The yearly call to members who pay on a base: check it, and declare a new one if the pay changed. */
public record DuesBaseReviewDue(int year, List<Long> memberIds) {
}
