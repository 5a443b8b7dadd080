package segment

// abbreviation classifies a word that is followed by a period.
func abbreviation(w string) abbrevClass {
	switch w {
	// Titles and ranks, and words that precede a number or a name.
	case "Mr", "Mrs", "Ms", "Dr", "Prof", "Gen", "Lt", "Col", "Maj", "Capt", "Cpt", "Sgt",
		"Cpl", "Pvt", "Brig", "Adm", "Cmdr", "Cdr", "Gov", "Sen", "Rep", "Rev", "Fr",
		"Hon", "Pres", "Supt", "Insp", "Det", "Const", "Amb", "Sr", "Jr", "St", "Mt", "Ft",
		"No", "Nos", "no", "Nr", "Art", "Vol", "vol", "pp", "Fig", "fig", "vs", "v", "cf",
		"approx", "ca", "Gens", "Messrs", "Mme", "Mlle", "Sheikh":
		return abbrTitle
	// Abbreviations that may also end a sentence.
	case "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
		"Mon", "Tue", "Tues", "Wed", "Thu", "Thur", "Thurs", "Fri", "Sat", "Sun",
		"Inc", "Ltd", "Co", "Corp", "Bros", "Plc", "etc", "al", "esp", "Dept", "Univ", "Assn",
		"km", "kg", "mi", "ft", "hr", "hrs", "min", "mins", "sec", "est":
		return abbrFinal
	}
	return abbrNone
}

// starter reports whether a capitalised word typically begins a sentence:
// determiners, pronouns, conjunctions, prepositions and sentence adverbs.
// After an abbreviation or an ellipsis only these start a new sentence.
func starter(w string) bool {
	switch w {
	case "A", "An", "The", "This", "That", "These", "Those", "There", "Here", "It", "Its",
		"He", "She", "They", "We", "I", "You", "His", "Her", "Their", "Our", "My", "Your",
		"But", "And", "Or", "So", "Yet", "Nor", "However", "Meanwhile", "Moreover", "Furthermore",
		"Nevertheless", "Nonetheless", "Still", "Also", "Then", "Thus", "Hence", "Indeed",
		"Instead", "Later", "Earlier", "Afterwards", "Eventually", "Finally", "Previously",
		"Recently", "Separately", "Overall", "Additionally", "Similarly", "Likewise",
		"In", "On", "At", "By", "For", "From", "With", "Without", "After", "Before", "During",
		"Since", "Until", "While", "When", "Where", "Whether", "If", "Although", "Though",
		"Because", "As", "Despite", "Following", "According", "Among", "Amid", "Under", "Over",
		"Some", "Many", "Most", "Several", "Both", "Each", "Every", "All", "No", "None",
		"Other", "Another", "Such", "One", "Two", "Three", "Four", "Five", "Six", "Seven",
		"Eight", "Nine", "Ten", "What", "Who", "Which", "Why", "How", "Not", "Only", "Even",
		"Last", "Yesterday", "Today", "Tomorrow", "Now", "Once", "To", "Of", "Let", "Do",
		"Did", "Does", "Is", "Are", "Was", "Were", "Has", "Have", "Had", "Will", "Would",
		"Can", "Could", "Should", "May", "Might", "Must", "Officials", "Police", "Authorities":
		return true
	}
	return false
}

// joiner reports whether a lower-case word cannot end a sentence, so a line
// that ends with it continues on the next line.
func joiner(w string) bool {
	switch w {
	case "a", "an", "the", "of", "in", "on", "at", "by", "for", "from", "to", "with", "and",
		"or", "but", "nor", "that", "which", "who", "whose", "whom", "as", "into", "onto",
		"than", "its", "his", "her", "their", "our", "my", "your", "this", "these", "those",
		"is", "are", "was", "were", "be", "been", "has", "have", "had", "will", "would",
		"could", "should", "may", "might", "must", "can", "not", "said", "says", "told",
		"against", "between", "among", "amid", "near", "during", "after", "before", "since",
		"including", "about", "over", "under", "via", "per", "if", "when", "while", "where":
		return true
	}
	return false
}
