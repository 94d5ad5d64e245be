package cn.partybuilding.interaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import cn.partybuilding.SubtreeFixtures;
import cn.partybuilding.organization.NewOrganization;
import cn.partybuilding.organization.OrgType;
import cn.partybuilding.shared.Figures;
import cn.partybuilding.shared.PlatformZone;

/** The figure of letters answered in time: the mailbox's own clock, privacy first. */
class MailboxFiguresTest extends SubtreeFixtures {

	@Autowired
	MailboxFigures figures;

	@Autowired
	Letters letters;

	final Instant now = Instant.now();

	/**
	 * A named letter written to {@code to} {@code writtenDaysAgo} days ago, now at {@code at}, answered after
	 * {@code answeredAfterDays} (null: waiting).
	 */
	long named(long to, long at, double writtenDaysAgo, Double answeredAfterDays) {
		Instant written = now.minus(Duration.ofMinutes((long) (writtenDaysAgo * 24 * 60)));
		long id = ThreadLocalRandom.current().nextLong(1L << 40, 1L << 52);
		jdbc.sql("""
				insert into interaction_letter (id, addressed_to, organization_id, origin_branch_id, writer_account_id, writer_name,
				    anonymous, subject, body, state, written_on, written_at, waiting_since)
				values (?, 'BRANCH', ?, ?, (select id from account where username = 'member1'), '写信人赵红梅', false, '秘密主题',
				    '信的内容', ?, ?, ?, ?)""")
			.params(id, at, to, answeredAfterDays == null ? "WAITING" : "ANSWERED",
					LocalDate.ofInstant(written, PlatformZone.ZONE), Timestamp.from(written), Timestamp.from(written))
			.update();
		step(id, "WRITTEN", null, to, written);
		if (at != to) {
			step(id, "ESCALATED", to, at, written.plus(letters.answerWithin()));
		}
		if (answeredAfterDays != null) {
			step(id, "ANSWERED", at, null, written.plus(Duration.ofMinutes((long) (answeredAfterDays * 24 * 60))));
		}
		return id;
	}

	void step(long letter, String kind, Long from, Long to, Instant at) {
		jdbc.sql("insert into interaction_letter_step (letter_id, kind, from_org, to_org, text, actor_name, at) values (?, ?, ?, ?, '答复', '书记', ?)")
			.params(letter, kind, from, to, Timestamp.from(at)).update();
	}

	@Test
	@DisplayName("书记信箱: of the letters due, the share answered within the escalation days, counted where they were written to")
	void lettersAnsweredInTime() {
		College c = college();
		long days = letters.answerWithin().toDays();
		long inTime = named(c.a(), c.a(), days + 3, 3.0);
		named(c.a(), c.a(), days + 3, days + 1.0);
		long waiting = named(c.a(), c.a(), days + 3, null);
		// not due yet: written a day ago, waiting
		named(c.a(), c.a(), 1, null);
		// answered already though not due: counts, in time
		named(c.a(), c.a(), 1.5, 1.0);
		// escalated to the general branch and answered there late: still the branch's letter
		named(c.a(), c.id(), days + 2, days + 1.5);

		Map<Long, Figures.Measured> m = figures.measure(MailboxFigures.LETTERS, List.of(c.a(), c.b(), c.id()), lastYear());
		assertThat(m.get(c.a()).value()).isEqualByComparingTo("0.4");
		assertThat(m.get(c.a()).sourceArgs()).containsExactly(5L, 2L, days);
		assertThat(m).doesNotContainKey(c.b());
		assertThat(m.get(c.id()).value()).isEqualByComparingTo("0.4");

		List<Figures.Behind> behind = figures.behind(MailboxFigures.LETTERS, c.id(), lastYear());
		assertThat(behind).hasSize(5);
		assertThat(behind).extracting(Figures.Behind::messageKey).containsOnly("figure.interaction.letters.line.inTime",
				"figure.interaction.letters.line.late", "figure.interaction.letters.line.waiting");
		assertThat(behind).filteredOn(Figures.Behind::ok).extracting(Figures.Behind::href)
			.contains("/mailbox/letters/" + inTime);
		// private to its handlers: neither the writer nor the subject behind a figure
		assertThat(behind).allSatisfy(b -> assertThat(b.args().toString()).doesNotContain("赵红梅", "秘密主题", "信的内容"));
		Figures.Behind open = behind.stream().filter(b -> b.href().endsWith("/" + waiting)).findFirst().orElseThrow();
		assertThat(open.messageKey()).isEqualTo("figure.interaction.letters.line.waiting");
		assertThat(open.ok()).isFalse();

		// the waiting letter answered now: at once (late, so the share stays; one more letter answered)
		step(waiting, "ANSWERED", c.a(), null, now);
		assertThat(figures.measure(MailboxFigures.LETTERS, List.of(c.a()), lastYear()).get(c.a()).value())
			.isEqualByComparingTo("0.4");
		named(c.b(), c.b(), days + 1, 0.5);
		assertThat(figures.measure(MailboxFigures.LETTERS, List.of(c.b(), c.id()), lastYear()))
			.satisfies(r -> {
				assertThat(r.get(c.b()).value()).isEqualByComparingTo("1");
				assertThat(r.get(c.id()).value()).isEqualByComparingTo("0.5");
			});
		assertThat(figures.measure("interaction.unknown", List.of(c.id()), lastYear())).isEmpty();
	}

	@Test
	@DisplayName("An anonymous letter counts at the committee it went to, as the committee's mailbox counts it, and is never linked")
	void anonymousLettersCountAtTheCommitteeOnly() {
		long committee = tree.create(accounts.callerFor("admin"), new NewOrganization(orgId("SFDX"), unique("FIG-C"),
				"指标测试党委", OrgType.COMMITTEE)).id();
		long days = letters.answerWithin().toDays();
		LocalDate written = today().minusDays(days + 2);
		Instant dayStart = written.atStartOfDay(PlatformZone.ZONE).toInstant();
		long id = ThreadLocalRandom.current().nextLong(1L << 40, 1L << 52);
		jdbc.sql("""
				insert into interaction_letter (id, addressed_to, organization_id, anonymous, code_hash, subject, body, state,
				    written_on, waiting_since)
				values (?, 'COMMITTEE', ?, true, ?, '匿名主题', '匿名内容', 'ANSWERED', ?, ?)""")
			.params(id, committee, Letters.hash(unique("CODE")), written, Timestamp.from(dayStart)).update();
		step(id, "ANSWERED", committee, null, dayStart.plus(Duration.ofDays(2)));

		Map<Long, Figures.Measured> m = figures.measure(MailboxFigures.LETTERS, List.of(committee), lastYear());
		assertThat(m.get(committee).value()).isEqualByComparingTo("1");
		List<Figures.Behind> behind = figures.behind(MailboxFigures.LETTERS, committee, lastYear());
		assertThat(behind).hasSize(1);
		assertThat(behind.get(0).href()).isNull();
		assertThat(behind.get(0).args()).containsExactly(behind.get(0).args().get(0), written.toString(), 2, days);
		assertThat(behind.get(0).args().toString()).doesNotContain("匿名主题");
	}
}
