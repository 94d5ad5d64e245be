package cn.partybuilding.learning;

import java.util.Optional;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.partybuilding.shared.Caller;
import cn.partybuilding.shared.Facade;
import cn.partybuilding.shared.OutOfScopeException;

/** Materials another module attaches (a training class's): whether the caller may read one, and its title. */
@Facade("materials other modules attach to their own things, such as a training class: checked for the caller, with their titles")
@Service
@Transactional(readOnly = true)
public class LearningMaterials {

	private final MaterialLibrary library;

	LearningMaterials(MaterialLibrary library) {
		this.library = library;
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
