package cn.partybuilding.learning;

import java.util.Optional;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.Facade;
import cn.partybuilding.shared.OutOfScopeException;

/** Materials and courses another module attaches (a training class's): whether the caller may read one, and its title. */
@Facade("materials other modules attach to their own things, such as a training class: checked for the caller, with their titles")
@Service
@Transactional(readOnly = true)
public class LearningMaterials {

	private final MaterialLibrary library;

	private final Courses courses;

	LearningMaterials(MaterialLibrary library, Courses courses) {
		this.library = library;
		this.courses = courses;
	}

	/** The course's title when the caller may read it (and it is not withdrawn), else empty: nothing is audited. */
	public Optional<String> readableCourseTitle(Caller caller, long courseId) {
		try {
			Courses.CourseView view = courses.find(caller, courseId);
			return view.withdrawn() ? Optional.empty() : Optional.of(view.title());
		}
		catch (OutOfScopeException e) {
			return Optional.empty();
		}
	}

	/** The material's title when the caller may read it (and it is not withdrawn), else empty: nothing is audited. */
	public Optional<String> readableTitle(Caller caller, long materialId) {
		try {
			MaterialLibrary.MaterialView view = library.find(caller, materialId);
			return view.withdrawn() ? Optional.empty() : Optional.of(view.title());
		}
		catch (OutOfScopeException e) {
			return Optional.empty();
		}
	}
}
