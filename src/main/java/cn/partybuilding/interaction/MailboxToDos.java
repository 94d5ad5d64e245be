package cn.partybuilding.interaction;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;

import cn.partybuilding.organization.OrganizationScope;
import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.ToDo;
import cn.partybuilding.shared.ToDoList;

/**
 * 待办 of the mailbox and the questions: letters waiting at each organisation where the caller handles letters (the
 * overdue ones counted apart), and the questions and answers held for the secretary's look. Two indexed queries.
 */
@Component
class MailboxToDos implements ToDoList {

	private final Letters letters;

	private final QuestionThreads questions;

	private final OrganizationScope scope;

	private final Clock clock;

	MailboxToDos(Letters letters, QuestionThreads questions, OrganizationScope scope, Clock clock) {
		this.letters = letters;
		this.questions = questions;
		this.scope = scope;
		this.clock = clock;
	}

	@Override
	@Transactional(readOnly = true)
	public List<ToDo> dueFor(Caller caller) {
		List<ToDo> list = new ArrayList<>();
		Set<Long> handled = Letters.handledBy(caller);
		if (!handled.isEmpty()) {
			List<Letters.Waiting> waiting = letters.waitingAt(handled, clock.instant());
			Map<Long, String> names = scope.qualifiedNames(waiting.stream().map(Letters.Waiting::organizationId).toList());
			waiting.forEach(w -> list.add(new ToDo(67, names.getOrDefault(w.organizationId(), ""), "mailbox.todo.waiting",
					List.of(w.waiting(), w.overdue()), "/mailbox/inbox?state=WAITING")));
		}
		Set<Long> moderated = questions.moderated(caller);
		if (!moderated.isEmpty()) {
			long held = questions.heldCount(moderated);
			if (held > 0) {
				list.add(new ToDo(68, "", "questions.todo.held", List.of(held), "/questions/held"));
			}
		}
		return list;
	}
}
