package cn.partybuilding.interaction;

import java.util.List;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.Facade;

/**
 * What other modules (the demo university) ask of surveys and votes: set one, answer it as a member, close it. The
 * same checks, scope and audit as the pages and the API.
 */
@Facade("surveys and votes set, answered and closed by another module (the demo)")
@Service
@Transactional
public class SurveyManagement {

	private final Surveys surveys;

	SurveyManagement(Surveys surveys) {
		this.surveys = surveys;
	}

	/** Sets the survey for the caller, who manages its organisation; returns its id. */
	public long set(Caller caller, SurveyOnFile survey) {
		return surveys.create(caller, new Surveys.NewSurvey(survey.orgId(), survey.title(), survey.description(),
				survey.anonymous(), survey.opensAt().toString(), survey.closesAt().toString(),
				new Surveys.AudienceRequest(survey.audience()),
				survey.questions().stream()
					.map(q -> new Surveys.QuestionRequest(q.type(), q.text(), q.options(), q.required()))
					.toList(),
				survey.resultsLive()));
	}

	/** The caller, a member of its audience, answers the survey (once). */
	public void answer(Caller caller, long surveyId, List<SurveyOnFile.Answer> answers) {
		surveys.answer(caller, surveyId, new Surveys.AnswersRequest(answers.stream()
			.map(a -> new Surveys.AnswerRequest(a.question(), a.options(), a.text(), a.rating()))
			.toList()));
	}

	/** Closes the survey now; its held secret ballots are counted. */
	public void close(Caller caller, long surveyId) {
		surveys.closeNow(caller, surveyId);
	}
}
