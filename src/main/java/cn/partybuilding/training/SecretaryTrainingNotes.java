package cn.partybuilding.training;

import java.util.Locale;
import java.util.Optional;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

import cn.partybuilding.organization.SecretaryNotes;

/** On the organisation page, beside the sitting secretary (and the 双带头人 flag): their training hours this year. */
@Component
class SecretaryTrainingNotes implements SecretaryNotes {

	private final SecretaryHours hours;

	private final MessageSource messages;

	SecretaryTrainingNotes(SecretaryHours hours, MessageSource messages) {
		this.hours = hours;
		this.messages = messages;
	}

	@Override
	public Optional<String> noteFor(long organizationId, String holderName, Locale locale) {
		int year = hours.thisYear();
		return hours.secretaryOf(organizationId, year)
			.filter(r -> r.name().equals(holderName))
			.map(r -> messages.getMessage(r.lacking() ? "training.secretary.note.lacking" : "training.secretary.note",
					new Object[] { year, r.hours(), r.requiredHours() }, locale));
	}
}
