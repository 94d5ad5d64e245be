package cn.partybuilding.content;

import java.time.Instant;
import java.util.List;

/**
 * An item as another module (the demo) writes it: kind NEWS, NOTICE or FEATURE; audience PUBLIC, SCHOOL or SUBTREE;
 * the body in HTML (sanitised on save like any other).
 */
public record ContentOnFile(String kind, String title, String summary, String body, long orgId, String audience,
		Long columnId, boolean readReceipt, Instant publishAt, List<Long> featuredMemberIds) {

	public ContentOnFile {
		featuredMemberIds = featuredMemberIds == null ? List.of() : List.copyOf(featuredMemberIds);
	}
}
