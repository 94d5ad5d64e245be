package cn.partybuilding.learning;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Component;

import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.HomeCard;
import cn.partybuilding.shared.HomeCards;
import cn.partybuilding.shared.PlatformZone;
import cn.partybuilding.shared.Role;

/**
 * On a member's phone home: this week's study outlines with what is left to study, and the member's own points
 * (today, this week, this year) — shown to them alone, never beside anyone else's.
 */
@Component
class StudyHomeCards implements HomeCards {

	private final StudyOutlines outlines;

	private final StudyPoints points;

	private final Clock clock;

	private final Courses courses;

	StudyHomeCards(StudyOutlines outlines, StudyPoints points, Clock clock, Courses courses) {
		this.courses = courses;
		this.outlines = outlines;
		this.points = points;
		this.clock = clock;
	}

	@Override
	public List<HomeCard> cardsFor(Caller caller) {
		if (!caller.has(Role.MEMBER, Role.APPLICANT)) {
			return List.of();
		}
		List<HomeCard.Line> lines = new ArrayList<>();
		for (StudyOutlines.MyOutline o : outlines.current(caller)) {
			String link = "/study/outlines/" + o.id();
			lines.add(HomeCard.Line.of(o.finished() ? "home.card.outline.finished" : o.overdue()
					? "home.card.outline.overdue" : "home.card.outline.left", o.title(), o.requiredLeft(), o.dueOn())
				.linkedTo(link).finished(o.finished()));
			o.materials().stream().filter(i -> i.required() && i.state() != StudyOutlines.State.FINISHED)
				.forEach(i -> lines.add(HomeCard.Line.of("home.card.outline.material", i.title())
					.linkedTo("/study/materials/" + i.materialId())));
		}
		LocalDate today = LocalDate.now(clock.withZone(PlatformZone.ZONE));
		StudyPoints.DayPoints mine = points.of(caller.accountId(), today);
		List<HomeCard.Line> due = courses.due(caller).stream()
			.map(c -> HomeCard.Line.of(c.dueOn().isBefore(today) ? "home.card.course.overdue" : "home.card.course.left",
					c.title(), c.chaptersLeft(), c.dueOn()).linkedTo("/study/courses/" + c.id()))
			.toList();
		List<HomeCard> cards = new ArrayList<>();
		cards.add(new HomeCard(10, "card-outline", "home.card.outline", "bi-book", "/study", lines,
				"home.card.outline.none", false));
		if (!due.isEmpty()) {
			cards.add(new HomeCard(12, "card-courses", "home.card.courses", "bi-mortarboard", "/study/courses", due,
					"home.card.courses", false));
		}
		cards.add(
				new HomeCard(50, "card-points", "home.card.points", "bi-award", "/study",
						List.of(HomeCard.Line.of("home.card.points.line", mine.total(), mine.week(), mine.year())),
						"home.card.points.line", true));
		return cards;
	}
}
