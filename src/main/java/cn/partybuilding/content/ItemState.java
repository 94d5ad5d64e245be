package cn.partybuilding.content;

/**
 * Where an item's working version stands. A published item whose edit is in review keeps its live copy: the state
 * says where the edit is, {@code ContentItem.live()} whether readers see the approved text.
 */
enum ItemState {
	DRAFT, IN_REVIEW, RETURNED, REJECTED, SCHEDULED, PUBLISHED, WITHDRAWN
}
