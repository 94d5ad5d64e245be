package cn.partybuilding.content;

import java.util.List;

import jakarta.validation.constraints.Size;

import org.springframework.core.io.Resource;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.FieldProblem;
import cn.partybuilding.shared.OutOfScopeException;

/** 新闻公告 for signed-in readers: the list by kind, column and words, an item with its comments and likes. */
@Controller
class ReadingPages {

	private final Reading reading;

	private final Comments comments;

	private final Columns columns;

	private final ContentFiles files;

	ReadingPages(Reading reading, Comments comments, Columns columns, ContentFiles files) {
		this.reading = reading;
		this.comments = comments;
		this.columns = columns;
		this.files = files;
	}

	@GetMapping("/news")
	String list(@RequestParam(required = false) ContentKind kind, @RequestParam(required = false) Long column,
			@RequestParam(required = false) @Size(max = 100) String q, @RequestParam(defaultValue = "0") int page,
			Model model) {
		model.addAttribute("result", reading.list(Caller.require(), kind, column, q, Math.max(page, 0), 20));
		model.addAttribute("kind", kind);
		model.addAttribute("column", column);
		model.addAttribute("q", q);
		model.addAttribute("kinds", ContentKind.values());
		model.addAttribute("columns", columns.open());
		model.addAttribute("columnName", column == null ? null : columns.name(column));
		return "content/news";
	}

	@GetMapping("/news/{id}")
	String read(@PathVariable long id, Model model) {
		Caller caller = Caller.require();
		model.addAttribute("article", reading.read(caller, id));
		boolean moderator = comments.mayModerate(caller, id);
		model.addAttribute("comments", comments.of(caller, id, moderator));
		model.addAttribute("moderator", moderator);
		model.addAttribute("maxComment", Comments.MAX_LENGTH);
		return "content/article";
	}

	@PostMapping("/news/{id}/comments")
	String comment(@PathVariable long id, @RequestParam(required = false) @Size(max = 2000) String body,
			RedirectAttributes redirect) {
		try {
			Comments.Comment added = comments.add(Caller.require(), id, body);
			redirect.addFlashAttribute("notice", added.state().equals("PENDING") ? "content.comment.pending" : "content.comment.added");
		}
		catch (FieldProblem problem) {
			redirect.addFlashAttribute("commentError", problem.problems().get(0).messageKey());
			redirect.addFlashAttribute("commentArgs", problem.problems().get(0).args());
			redirect.addFlashAttribute("commentBody", body);
		}
		return "redirect:/news/" + id + "#comments";
	}

	@PostMapping("/news/{id}/comments/{commentId}/delete")
	String deleteComment(@PathVariable long id, @PathVariable long commentId, RedirectAttributes redirect) {
		comments.delete(Caller.require(), id, commentId);
		redirect.addFlashAttribute("notice", "content.comment.deleted");
		return "redirect:/news/" + id + "#comments";
	}

	@PostMapping("/news/{id}/comments/{commentId}/moderate")
	String moderate(@PathVariable long id, @PathVariable long commentId, @RequestParam boolean show) {
		comments.moderate(Caller.require(), id, commentId, show);
		return "redirect:/news/" + id + "#comments";
	}

	@PostMapping("/news/{id}/like")
	String like(@PathVariable long id, @RequestParam(defaultValue = "true") boolean on) {
		reading.like(Caller.require(), id, on);
		return "redirect:/news/" + id + "#like";
	}

	@GetMapping("/news/{id}/attachments/{index}")
	ResponseEntity<Resource> attachment(@PathVariable long id, @PathVariable int index) {
		List<ContentItems.Attachment> attachments = reading.read(Caller.require(), id).attachments();
		if (index < 0 || index >= attachments.size()) {
			throw new OutOfScopeException("content-attachment", id + "/" + index);
		}
		return ContentPages.download(files, attachments.get(index));
	}
}
