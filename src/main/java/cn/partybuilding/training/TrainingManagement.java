package cn.partybuilding.training;

import java.math.BigDecimal;
import java.util.List;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.Facade;

/**
 * What other modules (the demo) tell 培训班: a class organised with its sessions, a member's attendance recorded —
 * through the same rules as the organiser's pages.
 */
@Facade("training classes organised and attendance recorded by other modules, such as the demo, through the organiser's rules")
@Service
@Transactional
public class TrainingManagement {

	private final TrainingClasses classes;

	TrainingManagement(TrainingClasses classes) {
		this.classes = classes;
	}

	public OrganisedClass organise(Caller by, long orgId, String title, BigDecimal requiredHours, List<Long> memberIds,
			List<TrainingSessionPlan> sessions) {
		TrainingClasses.Created created = classes.create(by, new TrainingClasses.NewClass(orgId, title, requiredHours,
				new TrainingClasses.Audience(memberIds), sessions.stream()
					.map(s -> new TrainingClasses.NewSession(s.startAt(), s.endAt(), s.place(), s.hours())).toList(),
				List.of(), List.of()));
		return new OrganisedClass(created.id(), created.sessions().stream().map(TrainingClasses.SessionRef::id).toList());
	}

	/** The member attended the session (recorded as by the organiser's hand); a second time records nothing. */
	public void attend(Caller by, long sessionId, long memberId) {
		classes.recordByHand(by, sessionId, memberId);
	}
}
