package cn.partybuilding.exam;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;

import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.ConflictProblem;
import cn.partybuilding.shared.FieldProblem;
import cn.partybuilding.shared.OutOfScopeException;

/**
 * Taking an exam on the phone: the person's exams (open, coming, taken), one exam with its attempts and a button
 * that starts or resumes one, the paper (answers saved one by one by exam-take.js, a countdown kept by the server)
 * and, once submitted, the result — with each question's key and explanation only after the reveal time.
 */
@Controller
class ExamTakingPages {

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private final Exams exams;

	private final Attempts attempts;

	private final MyAttempts mine;

	private final ExamSettings settings;

	private final MessageSource messages;

	ExamTakingPages(Exams exams, Attempts attempts, MyAttempts mine, ExamSettings settings, MessageSource messages) {
		this.exams = exams;
		this.attempts = attempts;
		this.mine = mine;
		this.settings = settings;
		this.messages = messages;
	}

	/** An option as the person sees it, with what they chose and, after the reveal, whether it is right. */
	record Choice(String value, String letter, String text, boolean chosen, boolean correct) {
	}

	/** A blank of a fill-in question: what was written and, after the reveal, the answers it accepts. */
	record Blank(int number, String given, List<String> accepted) {
	}

	/** A question on the paper or the result page. */
	record Shown(int number, long id, QuestionType type, String text, Double score, List<Choice> choices,
			List<Blank> blanks, String written, boolean answered, Double earned, String modelAnswer,
			String explanation, String comment, String verdict) {
	}

	@GetMapping("/study/exams")
	String list(Model model) {
		List<Exams.ExamLine> lines = exams.mine(Caller.require());
		model.addAttribute("open", lines.stream().filter(l -> l.state().equals("OPEN")).toList());
		model.addAttribute("upcoming", lines.stream().filter(l -> l.state().equals("UPCOMING")).toList());
		model.addAttribute("past", lines.stream().filter(l -> !l.state().equals("OPEN") && !l.state().equals("UPCOMING"))
			.toList());
		return "exam/take-list";
	}

	@GetMapping("/study/exams/{id}")
	String exam(@PathVariable long id, Model model) {
		Caller caller = Caller.require();
		Exams.ExamLine line = line(caller, id);
		List<MyAttempts.AttemptLine> taken = mine.of(caller, id);
		model.addAttribute("exam", line);
		model.addAttribute("attempts", taken);
		model.addAttribute("canStart", line.state().equals("OPEN")
				&& (line.openAttemptId() != null || taken.size() < line.attempts()));
		return "exam/take-exam";
	}

	/** Starts an attempt, or resumes the one running, and opens its paper. */
	@PostMapping("/study/exams/{id}")
	String start(@PathVariable long id, RedirectAttributes redirect, Locale locale) {
		Caller caller = Caller.require();
		line(caller, id);
		try {
			return "redirect:/study/exam-attempts/" + attempts.start(caller, id).id();
		}
		catch (ConflictProblem refused) {
			redirect.addFlashAttribute("error", refused.messages(messages, locale).values().iterator().next());
			return "redirect:/study/exams/" + id;
		}
	}

	@GetMapping("/study/exam-attempts/{id}")
	String attempt(@PathVariable long id, Model model) {
		Attempts.AttemptView view = attempts.find(Caller.require(), id);
		model.addAttribute("attempt", view);
		model.addAttribute("questions", shown(view));
		if (!view.submitted()) {
			model.addAttribute("unanswered", view.questions().size() - view.answered());
			model.addAttribute("graceSeconds", settings.graceSeconds());
			return "exam/take-paper";
		}
		return "exam/take-result";
	}

	/**
	 * The paper as a plain form (a browser without scripts): every answer on it is saved, then the attempt is
	 * submitted. An answer the server refuses is left out; time up submits what was saved.
	 */
	@PostMapping("/study/exam-attempts/{id}")
	String submit(@PathVariable long id, @RequestParam MultiValueMap<String, String> form) {
		Caller caller = Caller.require();
		Attempts.AttemptView view = attempts.find(caller, id);
		if (!view.submitted()) {
			for (Attempts.AttemptQuestion q : view.questions()) {
				JsonNode answer = fromForm(q, form.get("q-" + q.id()));
				if (answer == null && q.saved() == null) {
					continue;
				}
				try {
					attempts.answer(caller, id, q.id(), answer);
				}
				catch (ConflictProblem late) {
					break;
				}
				catch (FieldProblem refused) {
					// a malformed answer is left as it was saved
				}
			}
			attempts.submit(caller, id);
		}
		return "redirect:/study/exam-attempts/" + id;
	}

	private Exams.ExamLine line(Caller caller, long id) {
		return exams.mine(caller).stream().filter(l -> l.id() == id).findFirst()
			.orElseThrow(() -> new OutOfScopeException("exam", id));
	}

	/** A question's answer from the plain form, as the API takes it; null when nothing is given. */
	static JsonNode fromForm(Attempts.AttemptQuestion q, List<String> values) {
		List<String> given = values == null ? List.of() : values;
		boolean empty = given.stream().allMatch(v -> v == null || v.isBlank());
		if (empty) {
			return null;
		}
		return switch (q.type()) {
			case SINGLE, SHORT -> NODES.stringNode(given.get(0));
			case TRUE_FALSE -> NODES.booleanNode(Boolean.parseBoolean(given.get(0)));
			case MULTIPLE, FILL -> {
				ArrayNode out = NODES.arrayNode();
				given.forEach(v -> out.add(v == null ? "" : v));
				yield out;
			}
		};
	}

	/** The questions with the person's answers and, once revealed, the keys, the marks and the explanations. */
	static List<Shown> shown(Attempts.AttemptView view) {
		List<Shown> out = new ArrayList<>();
		int number = 0;
		for (Attempts.AttemptQuestion q : view.questions()) {
			number++;
			JsonNode saved = q.saved();
			JsonNode key = q.correctAnswer();
			List<Choice> choices = new ArrayList<>();
			List<Blank> blanks = new ArrayList<>();
			String written = null;
			String model = null;
			switch (q.type()) {
				case SINGLE, MULTIPLE -> {
					for (int i = 0; i < q.options().size(); i++) {
						String letter = Answers.letter(i);
						choices.add(new Choice(letter, letter, q.options().get(i), contains(saved, letter),
								contains(key, letter)));
					}
				}
				case TRUE_FALSE -> {
					for (boolean value : new boolean[] { true, false }) {
						choices.add(new Choice(Boolean.toString(value), null, null,
								saved != null && saved.isBoolean() && saved.booleanValue() == value,
								key != null && key.isBoolean() && key.booleanValue() == value));
					}
				}
				case FILL -> {
					for (int i = 0; i < Math.max(1, q.blanks()); i++) {
						String given = saved != null && saved.isArray() && i < saved.size() ? saved.get(i).asString() : "";
						List<String> accepted = new ArrayList<>();
						if (key != null && key.isArray() && i < key.size()) {
							key.get(i).forEach(v -> accepted.add(v.asString()));
						}
						blanks.add(new Blank(i + 1, given, accepted));
					}
				}
				case SHORT -> {
					written = saved != null && saved.isString() ? saved.asString() : "";
					model = key != null && key.isString() ? key.asString() : null;
				}
			}
			boolean answered = saved != null && !saved.isNull();
			out.add(new Shown(number, q.id(), q.type(), q.text(), q.score(), choices, blanks, written, answered,
					q.earned(), model, q.explanation(), q.comment(), verdict(view, q, answered)));
		}
		return out;
	}

	/** RIGHT, PARTIAL, WRONG, UNANSWERED or PENDING (a short answer not yet graded); null before the reveal. */
	private static String verdict(Attempts.AttemptView view, Attempts.AttemptQuestion q, boolean answered) {
		if (!view.revealed() || q.score() == null) {
			return null;
		}
		if (!answered) {
			return "UNANSWERED";
		}
		if (q.earned() == null) {
			return "PENDING";
		}
		if (q.earned() >= q.score()) {
			return "RIGHT";
		}
		return q.earned() > 0 ? "PARTIAL" : "WRONG";
	}

	private static boolean contains(JsonNode node, String letter) {
		if (node == null) {
			return false;
		}
		if (node.isString()) {
			return node.asString().equals(letter);
		}
		if (node.isArray()) {
			for (JsonNode n : node) {
				if (n.asString().equals(letter)) {
					return true;
				}
			}
		}
		return false;
	}
}
