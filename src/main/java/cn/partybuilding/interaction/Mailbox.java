package cn.partybuilding.interaction;

import java.time.Clock;
import java.time.Instant;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.Facade;

/**
 * What other modules (the demo) ask of the mailbox: write a letter as a member, answer one as its handler, move the
 * letters left waiting too long. Every call goes through the same rules, scope and privacy as the pages.
 */
@Facade("letters to a branch secretary or an organisation: written, answered, escalated through the mailbox's rules")
@Service
@Transactional
public class Mailbox {

	private final Letters letters;

	private final Clock clock;

	Mailbox(Letters letters, Clock clock) {
		this.letters = letters;
		this.clock = clock;
	}

	/** A named letter from a member or an applicant to their branch, general branch or committee; its id. */
	public long write(Caller writer, LetterTo to, String subject, String body) {
		return writeOnFile(writer, to, subject, body, clock.instant());
	}

	/** A named letter as written at a past moment (a loader such as the demo dates it back); its id. */
	public long writeOnFile(Caller writer, LetterTo to, String subject, String body, Instant writtenAt) {
		return letters.write(writer, new Letters.NewLetter(to.name(), subject, body, false), writtenAt).id();
	}

	/** The handler's answer to a letter where it is now (the writer is told). */
	public void answer(Caller handler, long letterId, String text) {
		letters.answer(handler, letterId, text, clock.instant());
	}

	/** Moves, once, every letter left unanswered for the setting's days as of this moment; how many moved. */
	public int escalateDue(Instant asOf) {
		return letters.escalateDue(asOf);
	}
}
