package cn.partybuilding.interaction;

import java.net.URI;
import java.util.List;

import jakarta.validation.Valid;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import cn.partybuilding.shared.Caller;

/**
 * JSON for surveys and votes: setting one, changing it before its first answer, answering it once, its results
 * (when released), its answer rate per organisation and its Excel.
 */
@RestController
class SurveyApi {

	private final Surveys surveys;

	private final SurveyResults results;

	SurveyApi(Surveys surveys, SurveyResults results) {
		this.surveys = surveys;
		this.results = results;
	}

	record Created(long id) {
	}

	/** A survey as its audience sees it: the questions, the window, whether the caller answered. */
	record SurveyView(long id, String title, String description, boolean anonymous, Surveys.Audience audience,
			java.time.Instant opensAt, java.time.Instant closesAt, String state, boolean resultsReleased,
			List<SurveyQuestion> questions, boolean answered, boolean manages) {
	}

	@PostMapping("/api/v1/surveys")
	ResponseEntity<Created> create(@Valid @RequestBody Surveys.NewSurvey form) {
		long id = surveys.create(Caller.require(), form);
		return ResponseEntity.created(URI.create("/api/v1/surveys/" + id)).body(new Created(id));
	}

	@PutMapping("/api/v1/surveys/{id}")
	ResponseEntity<Void> update(@PathVariable long id, @Valid @RequestBody Surveys.NewSurvey form) {
		surveys.update(Caller.require(), id, form);
		return ResponseEntity.noContent().build();
	}

	/** The surveys the caller manages ({@code managing=true}, with answer rates) or may answer. */
	@GetMapping("/api/v1/surveys")
	List<Surveys.SurveyLine> list(@RequestParam(defaultValue = "false") boolean managing,
			@RequestParam(required = false) Long orgId) {
		Caller caller = Caller.require();
		return managing ? surveys.managedList(caller, orgId) : surveys.mine(caller);
	}

	@GetMapping("/api/v1/surveys/{id}")
	SurveyView survey(@PathVariable long id) {
		Caller caller = Caller.require();
		Surveys.Survey s = surveys.visible(caller, id);
		return new SurveyView(s.id(), s.title(), s.description(), s.anonymous(), s.audience(), s.opensAt(), s.end(),
				s.state(java.time.Instant.now()), results.released(s), s.questions(), surveys.answered(caller, s),
				surveys.manages(caller, s));
	}

	@PostMapping("/api/v1/surveys/{id}/answers")
	ResponseEntity<Void> answer(@PathVariable long id, @Valid @RequestBody Surveys.AnswersRequest request) {
		surveys.answer(Caller.require(), id, request);
		return ResponseEntity.status(201).build();
	}

	@PostMapping("/api/v1/surveys/{id}/close")
	ResponseEntity<Void> close(@PathVariable long id) {
		surveys.closeNow(Caller.require(), id);
		return ResponseEntity.noContent().build();
	}

	@GetMapping("/api/v1/surveys/{id}/results")
	SurveyResults.Results results(@PathVariable long id) {
		return results.of(Caller.require(), id);
	}

	@GetMapping("/api/v1/surveys/{id}/rates")
	SurveyResults.Rates rates(@PathVariable long id) {
		return results.rates(Caller.require(), id);
	}

	@GetMapping("/api/v1/surveys/{id}/export")
	ResponseEntity<byte[]> export(@PathVariable long id) {
		return results.export(Caller.require(), id);
	}
}
