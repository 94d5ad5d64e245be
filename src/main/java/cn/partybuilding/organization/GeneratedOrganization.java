package cn.partybuilding.organization;

/** An organisation of the generated province, named with its parent's code (the generator's input). */
public record GeneratedOrganization(String code, String name, OrgType type, String parentCode, int sortOrder) {
}
