package cn.partybuilding.interaction;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collection;
import java.util.List;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import cn.partybuilding.shared.PlatformZone;
import cn.partybuilding.shared.Warnings;

/**
 * Letters unanswered: waiting at an organisation {@code party.interaction.mailbox.escalate-days} (7) or longer,
 * the rule by which {@link Letters} calls a letter overdue and escalates it once; acted on at the letter.
 */
@Component
@Transactional(readOnly = true)
class MailboxWarnings implements Warnings {

	static final String LETTER = "interaction.letter";

	private final Letters letters;

	private final Clock clock;

	MailboxWarnings(Letters letters, Clock clock) {
		this.letters = letters;
		this.clock = clock;
	}

	@Override
	public List<Raised> raisedIn(Collection<Long> orgIds, LocalDate today) {
		if (orgIds.isEmpty()) {
			return List.of();
		}
		ZoneId zone = PlatformZone.ZONE;
		Instant now = today.equals(LocalDate.now(clock.withZone(zone))) ? clock.instant()
				: today.plusDays(1).atStartOfDay(zone).toInstant();
		return letters.overdueIn(orgIds, now).stream().map(r -> {
			LocalDate since = LocalDate.ofInstant((Instant) r[2], zone);
			LocalDate due = LocalDate.ofInstant(((Instant) r[2]).plus(letters.answerWithin()), zone);
			return Raised.of(LETTER, (Long) r[1], null, since, due, "/mailbox/letters/" + r[0],
					"warning.interaction.letter.text", since.toString(), java.time.temporal.ChronoUnit.DAYS.between(since, today));
		}).toList();
	}
}
