package cn.partybuilding.organization;

/** An organisation to create under {@code parentId}: its code, name and type. */
public record NewOrganization(Long parentId, String code, String name, OrgType type) {
}
