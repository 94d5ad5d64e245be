package cn.partybuilding.shared;

import java.util.List;

/**
 * A module's contribution to the home page's 待办 for the signed-in caller: what waits for them in their
 * scope (a proposal to approve, minutes to write, a transfer to accept). Each module that has such work
 * implements this as a bean; the home page asks all of them. Keep it to a few cheap queries: it runs on
 * every visit of the home page.
 */
public interface ToDoList {

	List<ToDo> dueFor(Caller caller);
}
