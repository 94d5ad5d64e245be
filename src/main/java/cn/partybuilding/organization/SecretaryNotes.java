package cn.partybuilding.organization;

import java.util.Optional;

/**
 * A line another module adds beside a branch's sitting secretary on the organisation page (their training hours
 * this year, say), so the organisation module shows it without depending on that module. A bean implements it;
 * the page shows every present line, already in the reader's language. Called only for a caller who may see
 * the organisation.
 */
public interface SecretaryNotes {

	Optional<String> noteFor(long organizationId, String holderName, java.util.Locale locale);
}
