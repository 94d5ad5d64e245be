package cn.partybuilding.learning;

import org.springframework.data.domain.Page;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

import cn.partybuilding.shared.Caller;

/**
 * 学习 for members, on the phone: this week's outlines with what is left, the materials they may read, the reader
 * (an article, a PDF in the browser, a video or audio, a link) that reports visible time and played ranges by
 * heartbeat, and one outline with each material's state. Nothing is clicked to finish anything.
 */
@Controller
class StudyPages {

	static final int PAGE_SIZE = 20;

	private final MaterialLibrary library;

	private final StudyProgress progress;

	private final StudyOutlines outlines;

	private final LearningRules rules;

	StudyPages(MaterialLibrary library, StudyProgress progress, StudyOutlines outlines, LearningRules rules) {
		this.library = library;
		this.progress = progress;
		this.outlines = outlines;
		this.rules = rules;
	}

	@GetMapping("/study")
	String study(@RequestParam(required = false) MaterialKind kind, @RequestParam(defaultValue = "0") int page,
			Model model) {
		Caller caller = Caller.require();
		model.addAttribute("outlines", outlines.current(caller));
		Page<MaterialLibrary.MaterialLine> materials = library.list(caller, null, kind, null, Math.max(0, page), PAGE_SIZE);
		model.addAttribute("materials", materials);
		model.addAttribute("kind", kind);
		model.addAttribute("kinds", MaterialKind.values());
		return "learning/study";
	}

	@GetMapping("/study/materials/{id}")
	String material(@PathVariable long id, Model model) {
		Caller caller = Caller.require();
		MaterialLibrary.MaterialView material = library.find(caller, id);
		model.addAttribute("material", material);
		// a manager looking at a withdrawn material sees it, but nobody studies it any more
		StudyProgress.ProgressView mine = material.withdrawn() ? null : progress.progress(caller, id);
		model.addAttribute("progress", mine);
		if (mine != null) {
			boolean media = material.kind().isMedia();
			int done = media ? mine.playedSeconds() : mine.effectiveSeconds();
			int needed = media ? mine.playedToFinish() : mine.secondsToFinish();
			model.addAttribute("done", clock(done));
			model.addAttribute("needed", clock(needed));
			model.addAttribute("percent", needed <= 0 ? 0 : Math.min(100, done * 100 / needed));
		}
		model.addAttribute("heartbeatSeconds", rules.heartbeatSeconds());
		return "learning/material";
	}

	@GetMapping("/study/outlines/{id}")
	String outline(@PathVariable long id, Model model) {
		StudyOutlines.OutlineView outline = outlines.find(Caller.require(), id);
		model.addAttribute("outline", outline);
		model.addAttribute("requiredLeft", outline.materials().stream()
			.filter(i -> i.required() && i.state() != StudyOutlines.State.FINISHED).count());
		return "learning/study-outline";
	}

	/** Seconds as the reader shows them: 1:05. */
	static String clock(int seconds) {
		return seconds / 60 + ":" + String.format("%02d", seconds % 60);
	}
}
