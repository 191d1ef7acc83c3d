package phone

// Finding codes. They are stable: integrations and the check engine switch on
// them. Messages may be reworded; codes may not.
const (
	CodeUnreadable    = "number.unreadable"    // not a phone number at all
	CodeInvalid       = "number.invalid"       // parsed, but no such number can exist
	CodeInternational = "number.international" // a number in another country than the default region
	CodePremiumRate   = "number.premium_rate"  // premium rate (outside the UK, from libphonenumber)
	CodeSharedCost    = "number.shared_cost"
	CodePersonal      = "number.personal"
	CodeNANPForeign   = "number.nanp_foreign" // +1 but not US or Canada: international, looks domestic

	CodeUKPremiumRate      = "number.uk.premium_rate"       // 090, 091
	CodeUKAdultPremiumRate = "number.uk.adult_premium_rate" // 098
	CodeUKServiceCharge    = "number.uk.service_charge"     // 084, 087
	CodeUKPersonal         = "number.uk.personal_numbering" // 070
	CodeUKPager            = "number.uk.pager"              // 076
	CodeUKFreephone        = "number.uk.freephone"          // 080
	CodeUKWide             = "number.uk.uk_wide"            // 03
	CodeUKCorporate        = "number.uk.corporate"          // 055, 056
	CodeUKGeographic       = "number.uk.geographic_not_checked"
	CodeUKUnallocated      = "number.uk.unallocated"  // in a block Ofcom has not allocated
	CodeUKNotListed        = "number.uk.not_listed"   // in a covered range but in no block of the table
	CodeUKDramaRange       = "number.uk.drama_range"  // Ofcom's protected drama numbers
	CodeUKWrongLength      = "number.uk.wrong_length" // the block's numbers have another length

	CodeShortEmergency = "number.short.emergency"
	CodeShortBankFraud = "number.short.bank_fraud_159"
	CodeShortScamText  = "number.short.scam_text_7726"
	CodeShortDirectory = "number.short.directory_enquiries"
	CodeShortService   = "number.short.service" // another recognised short number (101, 111, 105…)
	CodeShortOther     = "number.short.other"
)
