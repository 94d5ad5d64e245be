package cn.partybuilding.organization;

import java.util.Optional;

/**
 * Implemented by modules that keep things at an organisation (members, accounts' roles …):
 * answers why the organisation cannot be dissolved yet, as a ready-to-show Chinese sentence.
 */
public interface DissolutionBlocker {

	Optional<String> whyNotDissolve(long organizationId);
}
