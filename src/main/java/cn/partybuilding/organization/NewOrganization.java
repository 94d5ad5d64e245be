package cn.partybuilding.organization;

import jakarta.validation.constraints.Size;

/** An organisation to create under {@code parentId}: its code, name and type. */
public record NewOrganization(Long parentId, @Size(max = 64) String code, @Size(max = 100) String name, OrgType type) {
}
