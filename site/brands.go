package site

// scamTargets are the brands that scam calls and messages impersonate most,
// by the domains the brands publish, for those that neither the Tranco top
// nor the curated Sublime list protect: the organisation kinds
// docs/scam-playbook.md names (banks and their "fraud departments",
// delivery firms, tax and benefits agencies, internet and phone providers,
// antivirus vendors) and the cryptocurrency services of the payment stage.
// They are protected from lookalikes and never called lookalikes
// themselves, but not "official": only the registry, with its sources, and
// the curated list make that claim. The registry supersedes this list as it
// grows.
var scamTargets = []string{
	// UK banks
	"lloydsbank.com", "natwest.com", "santander.co.uk", "halifax.co.uk", "nationwide.co.uk",
	"monzo.com", "revolut.com", "tsb.co.uk", "starlingbank.com", "firstdirect.com", "hsbc.co.uk",
	// US banks and payment apps
	"truist.com", "zellepay.com", "cash.app",
	// delivery
	"royalmail.com", "evri.com", "dpd.co.uk", "parcelforce.com", "correos.es", "postnl.nl", "auspost.com.au",
	// tax, benefits and licences
	"irs.gov", "ssa.gov", "tvlicensing.co.uk",
	// internet and phone providers
	"att.com", "xfinity.com", "virginmedia.com", "sky.com", "talktalk.co.uk", "ee.co.uk",
	"o2.co.uk", "vodafone.co.uk",
	// antivirus and computer repair
	"avast.com", "avg.com", "kaspersky.com", "bitdefender.com", "malwarebytes.com", "eset.com",
	// shops whose gift cards and refunds feature in scams
	"homedepot.com", "lowes.com",
	// cryptocurrency
	"binance.com", "metamask.io", "ledger.com", "trezor.io", "kucoin.com", "blockchain.com", "opensea.io",
	"uniswap.org", "pancakeswap.finance", "trustwallet.com", "exodus.com",
}
