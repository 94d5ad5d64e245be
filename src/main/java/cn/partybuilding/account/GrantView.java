package cn.partybuilding.account;

import cn.partybuilding.shared.Role;

/** A role held at an organisation, named for showing. */
public record GrantView(long id, Role role, long organizationId, String organizationName) {
}
