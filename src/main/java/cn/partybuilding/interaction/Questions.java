package cn.partybuilding.interaction;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.Facade;

/**
 * What other modules (the demo) ask of the questions and answers: ask, answer, name an answerer, mark the best
 * answer — each through the same rules, scope and word-list screening as the pages.
 */
@Facade("questions and answers within an organisation's audience: asked, answered, the best answer marked")
@Service
@Transactional
public class Questions {

	private final QuestionThreads threads;

	Questions(QuestionThreads threads) {
		this.threads = threads;
	}

	/** A question asked by a member or an applicant; its id (held for the secretary when the word list flags it). */
	public long ask(Caller asker, QuestionAudience audience, String title, String body) {
		return threads.ask(asker, new QuestionThreads.Asking(audience.name(), title, body)).id();
	}

	/** An answer by the secretary or a named answerer; its id. */
	public long answer(Caller answerer, long questionId, String body) {
		return threads.answer(answerer, questionId, new QuestionThreads.Answering(body)).id();
	}

	/** Names an account an answerer of an organisation's questions (by the organisation's secretary). */
	public void nameAnswerer(Caller secretary, long organizationId, long accountId, String name) {
		threads.designate(secretary, organizationId, accountId, name);
	}

	/** The asker or the secretary marks the best answer. */
	public void markBest(Caller caller, long questionId, long answerId) {
		threads.markBest(caller, questionId, answerId);
	}
}
