package cn.partybuilding.training;

import java.util.List;
import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

import cn.partybuilding.member.ProfileNotes;

/**
 * On a member's profile: their training hours this year against what they owe — a branch secretary's yearly
 * requirement, or their classes' — when they owe or attended any.
 */
@Component
class TrainingProfileNotes implements ProfileNotes {

	private final SecretaryHours hours;

	private final MessageSource messages;

	TrainingProfileNotes(SecretaryHours hours, MessageSource messages) {
		this.hours = hours;
		this.messages = messages;
	}

	@Override
	public List<String> notesFor(long memberId, Locale locale) {
		int year = hours.thisYear();
		return hours.ofMember(memberId, year)
			.filter(r -> r.hours() > 0 || r.requiredHours() > 0)
			.map(r -> messages.getMessage(r.secretary() ? "training.profile.secretary" : "training.profile.member",
					new Object[] { year, r.hours(), r.requiredHours(), r.dualLeader() ? 1 : 0 }, locale))
			.stream().toList();
	}
}
