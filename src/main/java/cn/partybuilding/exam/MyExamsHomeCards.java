package cn.partybuilding.exam;

import java.time.format.DateTimeFormatter;
import java.util.List;

import org.springframework.stereotype.Component;

import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.HomeCard;
import cn.partybuilding.shared.HomeCards;
import cn.partybuilding.shared.PlatformZone;
import cn.partybuilding.shared.Role;

/**
 * On a member's phone home, while an exam is open for them: each such exam with its closing time and whether an
 * attempt is running — nothing when no exam is open.
 */
@Component
class MyExamsHomeCards implements HomeCards {

	private static final DateTimeFormatter CLOSES = DateTimeFormatter.ofPattern("MM-dd HH:mm").withZone(PlatformZone.ZONE);

	private final Exams exams;

	MyExamsHomeCards(Exams exams) {
		this.exams = exams;
	}

	@Override
	public List<HomeCard> cardsFor(Caller caller) {
		if (!caller.has(Role.MEMBER, Role.APPLICANT)) {
			return List.of();
		}
		List<HomeCard.Line> lines = exams.mine(caller).stream()
			.filter(l -> l.state().equals("OPEN"))
			.filter(l -> l.openAttemptId() != null || l.attemptsUsed() == null || l.attemptsUsed() < l.attempts())
			.map(l -> HomeCard.Line.of(l.openAttemptId() != null ? "home.card.exam.running" : "home.card.exam.open",
					l.title(), CLOSES.format(l.closesAt()), l.durationMinutes())
				.linkedTo(l.openAttemptId() != null ? "/study/exam-attempts/" + l.openAttemptId()
						: "/study/exams/" + l.id()))
			.toList();
		if (lines.isEmpty()) {
			return List.of();
		}
		return List.of(new HomeCard(11, "card-exams", "home.card.exam", "bi-pencil-square", "/study/exams", lines,
				"home.card.exam", false));
	}
}
