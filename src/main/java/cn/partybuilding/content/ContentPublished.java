package cn.partybuilding.content;

import java.time.Instant;
import java.util.List;

/**
 * An item went live (or an approved edit replaced its text): counted for the organisation's assessment, and each
 * member a feature is about gets a 纪实 entry on the first publication.
 *
 * @param firstTime whether this is the item's first publication (an approved edit republishes)
 * @param featuredMemberIds the members a feature is about (empty for news and notices)
 */
public record ContentPublished(long itemId, ContentKind kind, long orgId, String orgName, String title,
		long authorAccount, Instant at, boolean firstTime, List<Long> featuredMemberIds) {

	public ContentPublished {
		featuredMemberIds = List.copyOf(featuredMemberIds);
	}
}
