package cn.partybuilding.organization;

/** What other modules may know about an organisation: its id and how to show it. */
public record OrgRef(long id, String code, String name, OrgType type, Long parentId, int depth) {
}
