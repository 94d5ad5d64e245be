package cn.partybuilding.interaction;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;

import org.springframework.context.MessageSource;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BeanPropertyBindingResult;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import cn.partybuilding.organization.OrgChooser;
import cn.partybuilding.organization.OrganizationTree;
import cn.partybuilding.organization.TreeNode;
import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.ConflictProblem;
import cn.partybuilding.shared.FieldProblem;
import cn.partybuilding.shared.PlatformZone;

/**
 * The pages of surveys and votes: a member's list (answered ones marked) and the answer form, which comes back
 * filled on a mistake; the managers' list with answer rates, the form with its question editor, and the results
 * with charts, rates per organisation and the Excel.
 */
@Controller
class SurveyPages {

	static final int FORM_QUESTIONS = 20;

	private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");

	private final Surveys surveys;

	private final SurveyResults results;

	private final OrganizationTree tree;

	private final MessageSource messages;

	SurveyPages(Surveys surveys, SurveyResults results, OrganizationTree tree, MessageSource messages) {
		this.surveys = surveys;
		this.results = results;
		this.tree = tree;
		this.messages = messages;
	}

	// ---- the member's side ----

	@GetMapping("/surveys")
	String mine(Model model) {
		List<Surveys.SurveyLine> lines = surveys.mine(Caller.require());
		model.addAttribute("open", lines.stream().filter(l -> l.state().equals("OPEN")).toList());
		model.addAttribute("upcoming", lines.stream().filter(l -> l.state().equals("UPCOMING")).toList());
		model.addAttribute("past", lines.stream().filter(l -> l.state().equals("CLOSED")).toList());
		return "interaction/surveys-mine";
	}

	/** One row of the answer form per question: the option of a single choice, those of a multiple, a text, a rating. */
	record AnswerRow(Integer option, @Size(max = 50) List<Integer> options, @Size(max = Surveys.MAX_TEXT) String text,
			Integer rating) {

		public boolean has(int o) {
			return options != null && options.contains(o);
		}
	}

	record AnswerForm(@Size(max = 100) List<@Valid AnswerRow> answers) {

		AnswerRow row(int q) {
			return answers != null && q < answers.size() && answers.get(q) != null ? answers.get(q)
					: new AnswerRow(null, null, null, null);
		}

		AnswerForm padded(int questions) {
			List<AnswerRow> rows = new ArrayList<>();
			for (int q = 0; q < questions; q++) {
				rows.add(row(q));
			}
			return new AnswerForm(rows);
		}
	}

	@GetMapping("/surveys/{id}")
	String survey(@PathVariable long id, Model model) {
		Caller caller = Caller.require();
		Surveys.Survey survey = surveys.visible(caller, id);
		model.addAttribute("form", new AnswerForm(List.of()).padded(survey.questions().size()));
		return answerPage(caller, survey, model, Map.of(), null);
	}

	@PostMapping("/surveys/{id}")
	String answer(@PathVariable long id, @Valid @ModelAttribute("form") AnswerForm form, BindingResult binding,
			Model model, Locale locale) {
		Caller caller = Caller.require();
		Surveys.Survey survey = surveys.visible(caller, id);
		AnswerForm filled = form.padded(survey.questions().size());
		model.addAttribute("form", filled);
		if (binding.hasErrors()) {
			return answerPage(caller, survey, model, Map.of(), messages.getMessage("interaction.survey.page.invalid", null, locale));
		}
		List<Integer> positions = new ArrayList<>();
		List<Surveys.AnswerRequest> answers = new ArrayList<>();
		for (int q = 0; q < survey.questions().size(); q++) {
			AnswerRow row = filled.row(q);
			Surveys.AnswerRequest a = switch (survey.questions().get(q).type()) {
				case SINGLE -> row.option() == null ? null : new Surveys.AnswerRequest(q, List.of(row.option()), null, null);
				case MULTIPLE -> row.options() == null || row.options().isEmpty() ? null
						: new Surveys.AnswerRequest(q, row.options(), null, null);
				case TEXT -> row.text() == null || row.text().isBlank() ? null
						: new Surveys.AnswerRequest(q, null, row.text(), null);
				case RATING -> row.rating() == null ? null : new Surveys.AnswerRequest(q, null, null, row.rating());
			};
			if (a != null) {
				positions.add(q);
				answers.add(a);
			}
		}
		try {
			surveys.answer(caller, id, new Surveys.AnswersRequest(answers));
			return "redirect:/surveys/" + id + "?answered";
		}
		catch (FieldProblem problem) {
			Map<Integer, String> byQuestion = new HashMap<>();
			String general = null;
			for (FieldProblem.Problem p : problem.problems()) {
				String text = messages.getMessage(p.messageKey(), p.args(), p.messageKey(), locale);
				Matcher m = ANSWER.matcher(p.field());
				if (m.matches() && Integer.parseInt(m.group(1)) < positions.size()) {
					byQuestion.putIfAbsent(positions.get(Integer.parseInt(m.group(1))), text);
				}
				else if (p.field().equals("answers") && !(problem instanceof ConflictProblem) && p.args() != null
						&& p.args().length > 0 && p.args()[0] instanceof Integer q) {
					byQuestion.putIfAbsent(q, text);
				}
				else if (general == null) {
					general = text;
				}
			}
			return answerPage(caller, survey, model, byQuestion,
					general != null ? general : messages.getMessage("interaction.survey.page.invalid", null, locale));
		}
	}

	private static final Pattern ANSWER = Pattern.compile("^answers\\[(\\d+)\\].*$");

	private String answerPage(Caller caller, Surveys.Survey survey, Model model, Map<Integer, String> problems,
			String general) {
		model.addAttribute("survey", survey);
		model.addAttribute("state", survey.state(java.time.Instant.now()));
		model.addAttribute("answered", surveys.answered(caller, survey));
		model.addAttribute("inAudience", surveys.seat(caller, survey).isPresent());
		model.addAttribute("manages", surveys.manages(caller, survey));
		model.addAttribute("released", results.released(survey));
		model.addAttribute("problems", problems);
		model.addAttribute("general", general);
		model.addAttribute("ratings", List.of(1, 2, 3, 4, 5));
		return "interaction/survey-answer";
	}

	@GetMapping("/surveys/{id}/results")
	String results(@PathVariable long id, Model model) {
		Caller caller = Caller.require();
		Surveys.Survey survey = surveys.visible(caller, id);
		boolean manages = surveys.manages(caller, survey);
		model.addAttribute("survey", survey);
		model.addAttribute("manages", manages);
		model.addAttribute("state", survey.state(java.time.Instant.now()));
		boolean released = results.released(survey);
		model.addAttribute("released", released);
		if (released) {
			model.addAttribute("results", results.of(caller, id));
		}
		if (manages) {
			model.addAttribute("rates", results.rates(caller, id));
		}
		return "interaction/survey-results";
	}

	// ---- the managers' side ----

	@GetMapping("/surveys/manage")
	String manage(@RequestParam(required = false) Long orgId, Model model) {
		Caller caller = Caller.require();
		model.addAttribute("surveys", surveys.managedList(caller, orgId));
		model.addAttribute("organizations", organizations(caller, orgId));
		model.addAttribute("orgId", orgId);
		return "interaction/surveys";
	}

	/** A question row of the form: blank rows are left out; options one per line. */
	record QuestionRow(@Size(max = 20) String type, @Size(max = 500) String text, @Size(max = 5000) String options,
			Boolean required) {

		public boolean blank() {
			return (text == null || text.isBlank()) && (options == null || options.isBlank());
		}
	}

	/** The form: times as the browser's datetime-local (Beijing time). */
	record SurveyForm(@Size(max = 200) String title, @Size(max = 2000) String description, Long orgId,
			@Size(max = 20) String audience, Boolean anonymous, @Size(max = 10) String resultsLive,
			@Size(max = 40) String opensAt, @Size(max = 40) String closesAt,
			@Size(max = FORM_QUESTIONS) List<@Valid QuestionRow> questions) {

		List<Integer> filled() {
			List<Integer> filled = new ArrayList<>();
			if (questions != null) {
				for (int i = 0; i < questions.size(); i++) {
					if (questions.get(i) != null && !questions.get(i).blank()) {
						filled.add(i);
					}
				}
			}
			return filled;
		}

		SurveyForm padded() {
			List<QuestionRow> rows = new ArrayList<>(questions == null ? List.of() : questions);
			rows.replaceAll(r -> r == null ? new QuestionRow("SINGLE", null, null, true) : r);
			while (rows.size() < FORM_QUESTIONS) {
				rows.add(new QuestionRow("SINGLE", null, null, true));
			}
			return new SurveyForm(title, description, orgId, audience, anonymous, resultsLive, opensAt, closesAt, rows);
		}

		Surveys.NewSurvey request() {
			List<Surveys.QuestionRequest> list = filled().stream().map(i -> {
				QuestionRow r = questions.get(i);
				List<String> opts = r.options() == null ? List.of()
						: Arrays.stream(r.options().split("\\R")).map(String::strip).filter(s -> !s.isEmpty()).toList();
				return new Surveys.QuestionRequest(r.type(), r.text(), opts, Boolean.TRUE.equals(r.required()));
			}).toList();
			return new Surveys.NewSurvey(orgId, title, description, Boolean.TRUE.equals(anonymous), opensAt, closesAt,
					new Surveys.AudienceRequest(audience), list,
					resultsLive == null || resultsLive.isBlank() ? null : Boolean.valueOf(resultsLive));
		}
	}

	@GetMapping("/surveys/manage/new")
	String newSurvey(Model model) {
		Caller caller = Caller.require();
		List<TreeNode.Option> orgs = organizations(caller, null).options();
		LocalDateTime opens = LocalDateTime.now(PlatformZone.ZONE).truncatedTo(ChronoUnit.HOURS);
		model.addAttribute("form", new SurveyForm(null, null, orgs.isEmpty() ? null : orgs.get(0).id(), "BRANCH", false,
				"", LOCAL.format(opens), LOCAL.format(opens.plusDays(7)), List.of()).padded());
		return form(caller, model);
	}

	@PostMapping("/surveys/manage/new")
	String create(@Valid @ModelAttribute("form") SurveyForm form, BindingResult binding, Model model) {
		Caller caller = Caller.require();
		BindingResult shown = new BeanPropertyBindingResult(form.padded(), "form");
		shown.addAllErrors(binding);
		if (!binding.hasErrors()) {
			try {
				long id = surveys.create(caller, form.request());
				return "redirect:/surveys/" + id + "/results";
			}
			catch (FieldProblem problem) {
				List<Integer> filled = form.filled();
				new FieldProblem(problem.problems().stream()
					.map(p -> new FieldProblem.Problem(field(p.field(), filled), p.messageKey(), p.args()))
					.toList()).rejectInto(shown);
			}
		}
		model.addAttribute("form", shown.getTarget());
		model.addAttribute(BindingResult.MODEL_KEY_PREFIX + "form", shown);
		return form(caller, model);
	}

	private static final Pattern QUESTION = Pattern.compile("^questions\\[(\\d+)\\](.*)$");

	/** The façade's field as the form names it: its k-th question is the form's k-th filled row. */
	private static String field(String field, List<Integer> filled) {
		if (field.equals("audience.scope")) {
			return "audience";
		}
		Matcher m = QUESTION.matcher(field);
		if (m.matches()) {
			int k = Integer.parseInt(m.group(1));
			return "questions[" + (k < filled.size() ? filled.get(k) : k) + "]" + m.group(2);
		}
		return field.equals("questions") ? "questions[0].text" : field;
	}

	private String form(Caller caller, Model model) {
		model.addAttribute("organizations", organizations(caller, model.getAttribute("form") instanceof SurveyForm f ? f.orgId() : null));
		model.addAttribute("types", SurveyQuestion.Type.values());
		model.addAttribute("audiences", Surveys.Audience.values());
		return "interaction/survey-new";
	}

	@PostMapping("/surveys/manage/{id}/close")
	String close(@PathVariable long id) {
		surveys.closeNow(Caller.require(), id);
		return "redirect:/surveys/" + id + "/results";
	}

	@GetMapping("/surveys/manage/{id}/results.xlsx")
	ResponseEntity<byte[]> export(@PathVariable long id) {
		return results.export(Caller.require(), id);
	}

	private OrgChooser organizations(Caller caller, Long chosen) {
		return tree.chooser(caller, chosen, Surveys.MANAGERS);
	}
}
