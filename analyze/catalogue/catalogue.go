// Package catalogue is the data of the call analysis: the concepts (phrases
// people say, with their speech-to-text spellings) and the indicator rules
// (concepts in order, close together), each with a stable code, a stage of
// the scam playbook (docs/scam-playbook.md), a weight and a plain-English
// explanation. Rules describe scam BEHAVIOUR (asking for remote access,
// payment by gift card, secrecy), not the topics of any one data set.
//
// Package analyze compiles the catalogue once at load. Any change here
// changes the model's features: run `hangup train` afterwards.
package catalogue

import "github.com/hangup-org/hangup"

// Concept is one phrase concept: a name that rules refer to and the
// phrases people say for it. A phrase line is "Canon=phrase; phrase" or just
// "phrase; phrase": the canonical name ("AnyDesk") is what explanations
// quote. Within a phrase, words are separated by spaces, "a|b" offers
// alternatives for one slot, "_" joins words into one alternative
// ("connect_to"), a trailing "?" makes a slot optional, and "#num" matches
// any number. Phrases are normalised like the text (lower case,
// contractions expanded, numbers said as words turned into digits), so
// "don't" in a phrase meets "dont" and "do not" in a transcript.
type Concept struct {
	Name    string
	Phrases []string
}

// Side says whose words make a rule count fully.
type Side uint8

const (
	// SideAny: anyone saying it is evidence.
	SideAny Side = iota
	// SideCaller: a claim or request, at full weight from the caller and
	// half from the person called.
	SideCaller
)

// Element is the part of the scam playbook (docs/scam-playbook.md) an
// indicator is evidence of. The playbook's logic is in their combination:
// a caller who makes a Request together with a Pretext, a Hook, Pressure
// or a Lure is running a scam, whatever else is said (see package analyze,
// floor.go).
type Element uint8

const (
	// NoElement: a mention (a tool's name, gift cards talked about) or
	// genuine behaviour, not a move of the scam.
	NoElement Element = iota
	// Pretext (a): who they claim to be: a tech company, a bank's fraud
	// team, the police, a utility, a relative on a new number.
	Pretext
	// Hook (b): the reason to act: a problem or threat (a virus, a hacked
	// account, arrest, a lawsuit, disconnection, a suspended number, an
	// order you did not place, a family emergency) or a windfall (a prize,
	// a refund, a grant, a discount, loan forgiveness).
	Hook
	// Pressure (c): urgency, secrecy, "don't hang up", a lie to tell the
	// bank.
	Pressure
	// Request (d): money by odd channels (gift cards, crypto, wire, cash,
	// a courier), card or bank details, PINs, passwords and one-time codes,
	// personal identifiers, remote access or software, moving money.
	Request
	// Lure (e): how the contact was made: a pop-up, an unexpected invoice,
	// renewal or order, "call this number", a robocall's "press 1".
	Lure
)

// Elements are the playbook elements in order, for iteration.
var Elements = [...]Element{Pretext, Hook, Pressure, Request, Lure}

// String names the element as the playbook does.
func (e Element) String() string {
	switch e {
	case Pretext:
		return "pretext"
	case Hook:
		return "hook"
	case Pressure:
		return "pressure"
	case Request:
		return "request"
	case Lure:
		return "lure"
	}
	return "none"
}

// Rule is one indicator rule. Pattern is steps (concept names) with
// optional "~N" gaps (tokens allowed between steps, default 4); "||"
// separates alternative patterns; "A|B" in a step accepts either concept.
// A literal step may be written in square brackets: "[read|tell me]".
type Rule struct {
	Code     string            // stable: integrations and the model file refer to it
	Stage    hangup.Stage      // S0–S8 of the scam playbook, or G for genuine behaviour
	Weight   float64           // 0..1: how much the playbook says it counts
	Types    []hangup.ScamType // the scam types it votes for
	Side     Side
	Pattern  string
	Explain  string // plain English; {x} is the canonical name matched (a tool, a brand)
	OnNeg    string // the code a match negated by "never" becomes; "" drops it
	NoNeg    bool   // the pattern carries its own negation: never negate it
	Critical bool   // on its own, reason to warn during a live call
	// Element is the playbook element the indicator evidences.
	Element Element
	// Overrides names codes that this rule, matched in the same turn,
	// stands in for: "a gift card for my granddaughter's birthday" is no
	// request to pay in gift cards.
	Overrides []string
	// Alone: said by the caller, this is a scam on its own (gift cards as
	// payment, a safe account, a lie to tell the bank): at least suspicious
	// whatever else is said.
	Alone bool
	// NoImpersonation: said by either side, the words show that nobody on
	// the call is impersonating the organisation: the call reached a wrong
	// number, or the person rang the organisation back on a number they
	// already had and found the call was real. The playbook's floor does
	// not apply; the learned score and any sure sign (Alone) still do, and
	// a request or a problem raised afterwards brings the floor back.
	NoImpersonation bool
}

// RuleByCode returns the first rule with code.
func RuleByCode(code string) (Rule, bool) {
	for _, r := range Rules {
		if r.Code == code {
			return r, true
		}
	}
	return Rule{}, false
}

// Concepts lists every phrase concept. See Concept for the syntax.
var Concepts = []Concept{
	// --- remote access ---------------------------------------------------
	{"RTOOL", []string{
		"AirDroid=airdroid; air droid; a i r d r o i d",

		"AnyDesk=anydesk; any desk; any desks; annie desk; any desc; anydisk; any disk; anydesk.com",
		"TeamViewer=teamviewer; team viewer; team viewers; teamview; teamviewer quicksupport; quicksupport; quick support",
		"UltraViewer=ultraviewer; ultra viewer; ultraview; ultra view",
		"Supremo=supremo; supremo remote",
		"LogMeIn Rescue=logmein rescue; log me in rescue; logmein #num; log me in #num; lmi rescue",
		"LogMeIn=logmein; log me in",
		"ScreenConnect=screenconnect; screen connect; connectwise; connect wise; connectwise control",
		"Quick Assist=quick assist; quickassist; microsoft quick assist; windows quick assist",
		"AnyViewer=anyviewer; any viewer",
		"RustDesk=rustdesk; rust desk",
		"Ammyy Admin=ammyy; ammyy admin; ammy admin; ammy",
		"AeroAdmin=aeroadmin; aero admin",
		"HopToDesk=hoptodesk; hop to desk",
		"Splashtop=splashtop; splash top",
		"Zoho Assist=zoho assist",
		"RemotePC=remotepc; remote pc app",
		"Chrome Remote Desktop=chrome remote desktop",
		"GoToAssist=gotoassist; go to assist; gotomypc; go to my pc",
		"BeyondTrust=bomgar; beyondtrust; beyond trust",
		"FastSupport=fastsupport; fast support dot com",
		"VNC=ultravnc; tightvnc; realvnc; vnc viewer; vnc",
		"Iperius Remote=iperius; iperius remote",
		"Getscreen=getscreen; getscreen.me",
		"NetSupport=netsupport; net support manager",
		"ShowMyPC=showmypc; show my pc",
		"DWService=dwservice",
		"SimpleHelp=simplehelp; simple help",
		"RemoteUtilities=remote utilities",
		"Atera=atera", "Action1=action1; action 1", "Splashtop SOS=splashtop sos",
	}},
	// ORGSPOKE follows an organisation's name in a note of the call: "DHL
	// rang", "the bank called me", "a debt collector says".
	{"ORGSPOKE", []string{"says; said; told me; tells me; is saying; was saying; rang; rang me; rung; rung me; called; called me; phoned; phoned me; rings; rings me; calls; calls me; phones; phones me; rang up; phoned up; keeps calling; kept calling; keep calling; has been calling; have been calling; was calling; were calling; is calling; is on the phone; is on the line"}},
	{"RACCESS", []string{
		"allow everything; accept everything; allow all; click yes to everything; allow everything it asks; my cursor; the cursor moving; cursor going around; cursor moving around; see my cursor",

		"get_on|get_onto|get_into|go_into|go_on|go_onto|hop_on|hop_onto|jump_on|jump_onto|log_onto|log_into|link_to|link_with|connect_with|connect_to|come_into|come_onto|dial_into|take_over|remote_into|beam_into your|the|my computer|pc|laptop|mac|macbook|ipad|tablet|device|machine|system|desktop|iphone; let him in; let her in; let them in; let us in; let him on; let them on; let him onto; let them onto; let him into; let them into",

		"from the back end; from our back end; connect me to your computer; connect me to the computer",

		"allow this app to make changes; tick all the boxes",

		"see the screen; see the computer; access the computer; access your computer; connect to the computer; the computer from our end; your computer from our end; check it from our end; come inside the computer; come inside your computer; i can not come inside; can come inside",
		"see everything on my phone; see everything on your phone; see your phone screen; see my phone screen; control the mouse; allow this technician; allow the screen recording; make changes to this device; see my mouse moving; you will see my mouse",

		"remote access; remotely access; remote control; remote desktop; remote support; remote session; remote connection",
		"remote into|onto your computer|pc|laptop|system|device|machine; remote in; connect remotely; access remotely; remotely connect",
		"access|connect_to|connect_into|get_into|log_into|control|take_over|see|look_at|view your? computer|pc|laptop|device|machine|system|screen|desktop",
		"screen share; screen sharing; share your screen; share the screen; take control; take over your",
		"give me access; grant me access; grant access; allow me access; allow access; allow the connection; accept the connection; accept the request",
		"support session; connection code",
		"see my screen; see my computer; into my computer; access my computer; control my computer; take over my computer; on my computer remotely; get into my computer; connect to my computer; connect to your machine; connect to my machine; onto my computer",
		"move my mouse; moving my mouse; control my mouse; moved the mouse; moving the mouse; mouse moving by itself; the mouse moved; move the mouse; moving around on my screen",
		"let him look at my; let her look at my; let them look at my; let him into my; let her into my; let them into my; let him see my screen; let her see my screen; let them see my screen; let him on my; let them on my; let him on to my; let him have a look at my",
		"click allow so i can; click allow so that i can; press allow so i can; click on allow so i can; click allow so we can",
	}},
	{"INSTALL", []string{
		"it is called",

		"the software is called; the app is called; the program is called",

		"install; installs; installed; installing; reinstall; download; downloads; downloaded; downloading; run; launch; set up; setup",
		"get; open; opening; accept; allow; allowed; click; click on; clicked; tap; tap on; press; pressed; save; execute; put; put in; load; grab; install it; opened; ran; typed; typed in; went to",
	}},
	{"NAVIGATE", []string{
		"w w w dot; www dot",

		"go to; goto; going to; visit; type; type in; typing; enter; navigate to; head to; head over to; pull up; bring up; search for",
		"google; look up; open up; browse to; log on to; log onto; open your browser; open the browser; in the address bar; in the search bar",
	}},
	{"WEBWORD", []string{
		"website; web site; site; webpage; web page; link; web address; url; browser; google chrome; chrome; internet explorer; microsoft edge; firefox; address bar; search bar",
	}},
	{"ASKYOU", []string{
		"talked me into; persuaded me to; convinced me to; talked you into",

		"i need you to; i want you to; i would like you to; i will need you to; i am going to need you to; we need you to; we want you to",
		"can you; could you; will you; would you; please; you need to; you have to; you must; you should; you will need to; go ahead and",
		"kindly; all you need to do is; what i need you to do is; i will ask you to; i will have you; let us; now; just; you can just",
		"told me to; asked me to; wanted me to; had me; made me; got me to; instructed me to; he said to; she said to; they said to; said i should; said i had to; said i needed to; said i must; i had to; i needed to; i was told to; told us to; asked us to; wanted us to; kept telling me to; insisted i; insisted that i; tried to get me to; he needed me to; she needed me to; they needed me to",
		"he wants me to; she wants me to; they want me to; he needs me to; she needs me to; they need me to; is asking me to; asks me to; tells me to; is telling me to; keeps asking me to; keep asking me to; kept asking me to; keeps telling me to; says i have to; says i need to; says i must; says i should; saying i have to; saying i need to; saying i must; i have to",
		"man wants me to; caller wants me to; i just need to; i just have to",
	}},
	{"READ", []string{
		"wants the; wanted the; is asking for the; was asking for the",

		"read that back; read it back; read them back; read back; read that out; read it out; read out to me; read that to me; read it to me",

		"read; read out; read me; read it; read them; tell me; give me; what is; what are; what does; what do you see; say; repeat; provide; share",
		"send me; text me; spell; spell out; confirm; verify; let me know; i need; we need; i will need; need; can i have; can i get; could i have; may i have",
		"type in; enter; what numbers; which numbers; call out; asked me to read; told me to read; had me read; wanted me to read; asked for; asked me for; wanted; i read; i read out; i gave him; i gave her; i gave them",
	}},
	{"CODE", []string{
		"the i d; your i d; i d number; i d and password; your i d and password; the i d and password",

		"otp; o t p; the otp; otp code; one time password; one time pin; one time code",

		"computer's id; computers id; your computer id; the computer id",

		"a number that came up; number that came up; the number that comes up; the number that came up; the number it shows; the number that shows; the digits when it lands; the code when it lands",

		"id and password; id and the password; id and a one time password; your id and password; the id and password",

		"code; codes; id; access code; session code; connection code; support code; verification code; pin code; passcode",
		"the numbers; those numbers; these numbers; the digits; digits; number on your|the screen; numbers on your|the screen; anydesk address; your anydesk address; your anydesk id; teamviewer id; your teamviewer id",
		"#num digit code|number|id|pin|numbers; #num digits; #num digit; id number; user id; your id",
	}},
	{"OTPCTX", []string{
		"has come; has arrived; just came; just arrived; came through; comes through; which you will receive; that you will receive; you will receive now",

		"they just sent; just sent me; they sent me; sent to me; sent; sent you; send you; we will send; we are going to send; going to send you; texted; text; text message; sms; we just sent; you just received; just received; received; you received; you will receive; you will get; got; you got; just got; when you get it",
		"your phone; your mobile; by text; on your phone; on your mobile; to your phone; to your mobile; to your email; by email",
	}},
	{"DETECT", []string{
		"to our server; to our servers; sending error reports to our; sending reports to our; reporting to our server",

		"flagged by our system; our system flagged; flagged by our; has been flagged by our system",

		"our server has logged; our server logged; we have logged; has been reporting to us; have been reporting to us; reporting to us; we have been seeing; has been sending us; has logged",

		"we detected; we have detected; we noticed; we have noticed; we found; we have found; we are seeing; we see; our system detected; our systems detected; our system has detected",
		"we received a|an notification|alert|signal|report|message|warning; we got a|an report|alert|notification|warning; we are getting; we have been getting; we have been monitoring",
		"showing up on our; our server|servers|system|records show|shows|detected|picked_up; we picked up; we have been receiving; we are receiving; has been detected; have been detected; was detected",
	}},
	// --- authority ---------------------------------------------------------
	{"CLAIMFROM", []string{
		"said to be from; claiming from",

		"we work with; we work closely with; we are working with; in partnership with",

		"ringing from; ringing you from; i am ringing from; phoning from; phoning you from; i am phoning from",

		"said he was the; said she was the; said he was a; said she was a; said he was; said she was; said they were",

		"i am the; i am a; i am your; we are the; we are the official; we are official; we are authorised; we are authorized; you called the right department; you have called the right department",

		"calling from; calling you from; i am calling from; we are calling from; i am from; we are from; this is; here from; calling on behalf of; on behalf of",
		"i am with; we are with; i work for; i work with; i work at; representing; speaking from; i am a technician from; i am an engineer from; calling you on behalf of",
		"i am calling you from; my name is; calling from the; i represent; we represent; from the; from your",
		"this call is from; this call is from the; this message is from; this is a call from; this is a message from; a message from; this is an automated message from; a call from; calling in from; giving you a call from; i am giving you a call from; calling with; thank you for choosing; thanks for choosing",
		"this is an important message from; an automated message from the; a notification call from; a courtesy call from; you have reached; thank you for calling; thanks for calling; welcome to",
		"said he was from; said she was from; said they were from; said he was with; said she was with; claimed to be from; claiming to be from; claimed to be; claiming to be; saying he was from; saying she was from; saying they were from; said it was; saying it was; pretending to be; who said he was; who said she was; called from; rang from; phoned from; said he worked for; said she worked for; posing as; supposedly from; allegedly from; said he is from; says he is from",
		"woman from; man from; lady from; guy from; someone from; somebody from; called me from; phoned me from; rang me from; caller from",
		"calling for; i am calling for; calling for the; we are calling for; calling on behalf",
		"saying he is from; saying she is from; saying they are from; says she is from; says they are from; say they are from; said she is from; said they are from; he is from; she is from; they are from; he was from; she was from; they were from; hes from; shes from; says hes; says shes; saying hes; saying shes; claims to be; claims to be from; claims he is; claims she is; claims they are",
	}},
	{"TECHBRAND", []string{
		"Microsoft=microsoft account security; microsoft account team; certified microsoft technician; microsoft; micro soft; msft; microsoft windows; microsoft corporation; microsoft office; office #num; microsoft #num",
		"Windows=windows; windows #num; windows computer",
		"Apple=apple support; apple care; applecare; apple id; apple technical; apple security; icloud; apple inc",
		"Google=google support; google security; gmail; google account",
		"Norton=norton; norton antivirus; norton lifelock; lifelock",
		"McAfee=mcafee; mc afee; mcafe; mac afee",
		"Avast=avast", "AVG=avg", "Kaspersky=kaspersky", "Geek Squad=geek squad; geeksquad; best buy geek squad",
		"Dell=dell; dell support", "HP=hp; hewlett packard; hp support", "Facebook=facebook; meta",
		"Outlook=outlook; hotmail", "Yahoo=yahoo",
	}},
	{"SERVICEBRAND", []string{
		"Amazon=amazon; amazon prime; prime membership; amazon security; amazon fraud; amazon customer service; amazon billing",
		"PayPal=paypal; pay pal", "Netflix=netflix", "eBay=ebay", "Apple=apple billing; itunes billing; app store billing",
	}},
	{"TECHDEPT", []string{
		"technician id; my technician id; authorized partner of microsoft; authorised partner of microsoft; microsoft authorized partner; microsoft certified partner; apple support department; apple security department",

		"the helpline; we are the helpline",

		"authorised technician; authorized technician; official technician; authorised by microsoft; authorized by microsoft; windows helpline; microsoft helpline; windows defender support; defender support centre; defender support center; apple security helpline; computer security department; computer security team; level 3 technician; senior case manager; windows security warranty",

		"windows technical department; windows technical team; windows support team; windows service center; windows help desk",
		"technical department; technical support; tech support; technical team; tech team; technical services; technical support team; technical support department",
		"windows security team; microsoft security team; microsoft security department; microsoft help desk",
		"microsoft support; microsoft technical support; windows support; windows customer support; microsoft customer support; computer support department; pc support department",
		"certified technician; microsoft certified technician; microsoft certified; senior technician; senior technical; level #num technician; windows technician; microsoft technician; microsoft engineer",
		"network security; network security team; cyber security; cyber security team; cybersecurity; security center; windows security; windows defender; firewall department",
		"licensing department; license department; server department; service center; maintenance department; computer maintenance",
		"microsoft help center; microsoft help centre; windows help center; apple help center; microsoft support center; apple support advisor; apple support team; amazon support team; technical help desk",
	}},
	{"ISP", []string{
		"T-Mobile=t mobile; tmobile; t mobile security; Sprint=sprint; Cricket=cricket wireless; Boost Mobile=boost mobile; Jio=jio; reliance jio; Airtel=airtel; Three=three mobile",

		"internet provider; internet service provider; internet company; your isp; isp; broadband provider; broadband company; service provider; network provider; internet service",
		"phone company; telephone company; phone provider; telephone provider; line provider; your router provider",
		"BT=bt; british telecom; bt broadband; bt openreach; openreach",
		"Virgin Media=virgin media; virgin", "Sky=sky broadband; sky", "TalkTalk=talktalk; talk talk", "Plusnet=plusnet; plus net",
		"Comcast=comcast; xfinity", "AT&T=at&t; at and t; att", "Verizon=verizon", "Spectrum=spectrum", "Cox=cox communications", "CenturyLink=centurylink; century link",
		"Vodafone=vodafone", "O2=o2", "Telstra=telstra", "Optus=optus", "Rogers=rogers", "Bell=bell canada",
		"my internet company; my internet provider; my internet; the internet company; my broadband company; my phone company",
	}},
	{"REPORTWORD", []string{
		"report; reports; reported; notification; notifications; notified; alert; alerts; alerted; complaint; complaints; warning; warnings",
		"flagged; heard from; message from; information from; call from; signal from; got word from",
	}},
	{"REPORTVERB", []string{
		"reported; has reported; have reported; informed us; has informed us; notified us; told us; contacted us; flagged; has flagged; alerted us; sent us; forwarded; passed on; asked us to",
	}},
	{"BANKORG", []string{
		"Your bank=my bank; my bank's",

		"Your bank=your bank; the bank; your bank's; your building society; your card provider; card services; card issuer; your credit card company",
		"Barclays=barclays", "HSBC=hsbc", "Lloyds=lloyds; lloyds bank", "NatWest=natwest; nat west", "Santander=santander", "Halifax=halifax",
		"Nationwide=nationwide", "Monzo=monzo", "Starling=starling", "TSB=tsb", "RBS=rbs; royal bank of scotland", "Metro Bank=metro bank",
		"First Direct=first direct", "Chase=chase; chase bank; jp morgan", "Bank of America=bank of america", "Wells Fargo=wells fargo", "Citibank=citi; citibank",
		"Capital One=capital one", "PNC=pnc", "TD Bank=td bank", "Visa=visa", "Mastercard=mastercard; master card", "American Express=american express; amex",
		"Revolut=revolut", "Commonwealth Bank=commonwealth bank", "Westpac=westpac", "ANZ=anz",
	}},
	{"FRAUDDEPT", []string{
		"fraud department; fraud team; fraud prevention; fraud prevention team; fraud prevention department; fraud investigation; fraud investigations; fraud investigator; fraud investigation team",
		"fraud unit; fraud squad; fraud office; fraud desk; anti fraud; anti fraud team; financial crime; financial crimes; financial crimes unit; fraud and security; fraud protection",
		"card security; bank security; security department; fraud section; fraud control; fraud detection; fraud detection team; fraud services",
	}},
	{"GOVORG", []string{
		"NHS=the n h s; nhs; the nhs; national health service; nhs england; nhs vaccination team; nhs booking team",

		"Homeland Security=homeland security; department of homeland security; immigration department; immigration office; immigration services; uscis; citizenship and immigration services; border force; home office immigration",

		"Government=benefits office; benefit office; the benefits agency; department of work; department for work; jobcentre; job centre; pension service; pensions office; national insurance department; national insurance office",

		"Legal department=enforcement agency; enforcement agent; enforcement agents; enforcement officer; county court enforcement",

		"Police=cbi; central bureau of investigation; narcotics control bureau; enforcement directorate",

		"Revenue=the revenue; revenue service; south african revenue service; sars; cra; canada revenue agency; ato; australian taxation office; revenue commissioners",
		"Police=federal police; australian federal police; cyber crime unit; chinese police; state police",
		"Government=electoral commission; ministry of health; ministry of; rbi; reserve bank; embassy; chinese embassy; jury duty office; pension review service",

		"HMRC=hmrc; her majesty's revenue; his majesty's revenue; revenue and customs; inland revenue; tax office; tax department; tax authority; tax authorities",
		"IRS=irs; internal revenue service; internal revenue; treasury department; us treasury",
		"Social Security Administration=social security administration; ssa; social security office; department of social security; social security department; social security administration office; department of social security administration; social security department office",
		"DWP=dwp; department for work and pensions",
		"Police=police; metropolitan police; met police; scotland yard; police department; police station; local police",
		"FBI=fbi; federal bureau of investigation; federal bureau",
		"Interpol=interpol; inter pol; international police; interpol office",
		"Customs and Border Protection=customs and border protection; us customs; u s customs; border protection; cbp; customs department; customs office; customs and excise; border and customs",
		"Homeland Security=dhs; ice",
		"Legal department=legal enforcement; legal enforcement department; investigation department; department of investigation; investigation officer; crime branch; cyber crime; cyber crime department; cybercrime; cybercrime department; fraud investigation department; legal department; legal team; our department; concerned department; the concerned department",
		"Department of Education=department of education; federal student aid; student loan department; student support center; student services department; loan forgiveness center; forgiveness center; processing center; processing department; central processing center",
		"Medicare=medicare; medicaid; centers for medicare; medicare office; medicare department; health and human services",
		"Home Office=home office; immigration; border agency; customs and border",
		"Department of Justice=department of justice; doj; us marshals; marshals service; marshal; sheriff; sheriff's office; dea; drug enforcement",
		"Court=court; crown court; magistrates court; federal court; high court; the courts",
		"Federal Reserve=federal reserve; bank of england; federal trade commission; ftc; national crime agency; nca; action fraud; financial conduct authority; fca",
		"Government=the government; government; government department; customs; federal government; state government; department of financial relief; financial relief services; federal reserve system; department of federal reserve; treasury; the treasury",
		"Government=social security; the social security office",
	}},
	{"LAWYER", []string{
		"attorney; attorney at law; lawyer; law firm; the firm; paralegal; law office; legal office; solicitor; solicitors; process server; process service; legal firm",
	}},
	{"OFFICER", []string{
		"officer; detective; sergeant; inspector; constable; special agent; federal agent; investigator; agent #num; badge number; badge id; my badge; case officer; case number",
		"officer #num; investigation officer; police officer; cbp officer; federal officer; enforcement officer; legal officer; my name is officer; this is officer; i am officer; agent id; employee id number; state number agent; federal agent id",
	}},
	// --- the victim's device and accounts -----------------------------------
	{"MYDEVICE", []string{
		"your imac; your i mac; your mac book; your macbook air; your safari; your chrome",

		"your mac; your macbook; your ipad; your tablet; your hub; your modem; your desktop; your machine; your home network; your network",

		"your i p; your i p address; i p address; your iphone",

		"your computer; your computers; your pc; your laptop; your device; your devices; your system; your windows; your windows computer; your computer system",
		"your ip; your ip address; ip address; your internet; your internet connection; your router; your connection; your wifi; your wi fi; your broadband",
		"your email; your email account; your microsoft account; your apple id; your icloud; your operating system; your files; your phone; your computer is; your computer has; the computer; your screen",
		"my computer; my laptop; my pc; my screen; my device; my computor; your computor; the computor",
	}},
	{"INFECTED", []string{
		"trojan spy wear; spy wear; compromise; fully compromise; infected files found",

		"unauthorized people; unauthorised people; unauthorized users; unauthorised users; unauthorized devices; unauthorised devices; unknown devices; unknown people",

		"not safe; is not safe; not protected; is not protected; from another country; from a foreign country; in another country is using",

		"affected; an affected one; as affected; as an affected",

		"bad traffic; strange traffic; suspicious traffic; critical faults; throwing up errors; throwing up faults; throwing up critical faults; reporting faults; sending out spam; sending spam; attack other; attacking other; being used to attack; open to attack; piggy backing; piggybacking; misusing; being misused; badly infected",

		"trojan spyware; spyware alarm; browser hijack; hijack; hijacked; key logger; keylogger; severe level threat; very severe; critical condition; firewall breach; illegal websites; illegal sites; pornographic; unwanted files; infected files; open for the hackers; used by somebody else; used by someone else; someone is using it; somebody is using it; been used by",

		"virus; viruses; infected; infection; infections; malware; spyware; trojan; trojans; hacked; hacking; hackers; hacker; compromised; corrupted; corrupt; crashing",
		"sending errors; sending us errors; sending error messages; error messages; errors; error reports; breach; breached; security breach; malicious; at risk; under attack; attacked",
		"being used by hackers; used by hackers; not secure; unsafe; blacklisted; illegal activity; illegal activities; suspicious activity; suspicious activities; problem; problems; issue; issues",
		"sending warning messages; warning messages; sending warnings; sending us warnings; giving off signals; signals of being hacked",
	}},
	{"HACKERS", []string{
		"the hacker; the hackers; a hacker",

		"hackers; hacker; cyber criminals; cybercriminals; criminals; someone; somebody; scammers; bad guys; foreign hackers; russian hackers; chinese hackers",
	}},
	{"INSIDE", []string{
		"have put this on your; put this on your; have put this in your",

		"has attacked; have attacked; attacked your; is attacking; are attacking",

		"sitting inside; sitting in your; is sitting inside; are sitting inside; has taken over; have taken over",

		"have linked; have also linked; linked your",

		"installed; have installed; has installed; are connected to your computer; connected to your computer; taking advantage; have hidden; has hidden; can see everything; are watching you; watching you; can get your",

		"in your computer; inside your computer; accessing your; have access; has access; are accessing; is accessing; are in; stealing your; trying to access; trying to get into; have got into",
		"got into; broke into; broken into; taken over; took over; are using your; is using your; controlling; have control; has control; have your; got your; hacked into; are watching",
		"were inside; are inside; was inside; is inside; inside your; were in your; took your; took any; have taken; stole; stolen from; are stealing; is stealing",
		"stealing your information; stealing your data; stealing your passwords; stealing your details; stealing your photos; steal your information; steal your identity; taking your information; taking your data",
	}},
	{"DIAGTOOL", []string{
		"control shift escape; ctrl shift escape; task manager; listening and established; established and listening; the listening ones; tree and enter; tree tree; the infected file will come; infected files will come; product id; the product id; compare the product id; inspect element; hackers location; the hacker location; hacker i p address; hacker ip address",

		"event viewer; eventvwr; event vwr; eventviewer; windows logs; netstat; net stat; foreign address; foreign addresses; msconfig; ms config; system configuration; stopped services",
		"tree command; type tree; dir /s; assoc; prefetch; temp files folder; %temp%; system32; system #num; inf folder; cmd; command prompt; run box; run command; run window; run dialog",
		"errors and warnings; red errors; yellow warnings; red x; red crosses; warning signs; critical errors; errors on your computer; services tab",
	}},
	{"WINKEY", []string{
		"windows key; windows button; windows logo key; windows logo; windows flag; start button; the key with the windows; flag key",
		"the key with the little window; key with the window; key with a window; the window key; window key; windows symbol; the key with the flag; the one with the little flag; the one with the flag; the little flag",
		"the key with the four little squares; four little squares; the key with four squares; the key with the squares; the four squares key",
	}},
	{"EXPIRABLE", []string{
		"windows security; security warranty; windows license; license of your windows",

		"license; digital license; warranty; firewall; security; subscription; antivirus; anti virus; protection; certificate; security certificate; support; network protection; licence key; product key",
	}},
	{"EXPIRED", []string{
		"going to expire; is going to expire; expire today; expires today; been expired; is been expired; has been expired",

		"expired; has expired; is expired; have expired; had expired; out of date; run out; ran out; no longer valid; is not valid; invalid; lapsed; has lapsed; stopped working; not working; deactivated; is deactivated",
	}},
	// --- fear, secrecy, urgency ---------------------------------------------
	{"DONOT", []string{
		"to not; need you to not; you to not",
		"do not; never; must not; should not; can not; cannot; will not; better not; not to; told me not to; asked me not to; begged me not to"}},
	{"TURNOFF", []string{"turn off; switch off; shut down; shut off; shutdown; close; restart; reboot; unplug; disconnect; touch; power off; turn it off; switch it off"}},
	{"THEMACHINE", []string{"computer; pc; laptop; machine; screen; device; system; router; it; the power; the internet; the connection; that page; this page; the page; that window; this window; the browser"}},
	{"HANGUP", []string{
		"if you put the phone down; if you put down the phone",

		"hang up that other phone; hang up the other phone; put down the other phone; put the other phone down",

		"must not hang up; must not disconnect; should not hang up; can not hang up; you can not hang up; must not end this call; must not cut the call",

		"do not hang up; do not put the phone down; do not put down the phone; do not end the call; do not disconnect the call; do not disconnect; do not leave the phone",
		"never hang up; do not cut the call; keep me on the line; keep the line open; stay on the line with me; if you hang up; if you disconnect; if you end this call; if the call drops",
		"keep me on the phone; put me on speaker; take the phone with you; keep the phone with you; stay on the phone while you; do not put me on hold; keep the call going",
		"keep the phone line open; leave the line open; stay on the phone",
	}},
	{"TELLVERB", []string{"tell; inform; speak to; talk to; mention; discuss; contact; call; let; notify; alert; involve; go to; say anything to; say anything"}},
	{"TELLWHO", []string{
		"anybody in the store; anyone in the store; anybody at the store; anyone at the store; anybody about this call; anyone about this call",

		"bank; banks; your bank; bank staff; anyone at the bank; the cashier; cashier; teller; the teller; branch; branch staff; police; family; your family; son; daughter; wife; husband",
		"children; kids; grandchildren; friends; friend; relatives; neighbours; neighbors; employees; manager; anyone about; anybody about; anyone else about; anyone what; anybody what; anyone about this",
		"anyone about the call; anyone about it; anybody about this; anybody about it; anyone else; mum; mom; dad; your son; your daughter; your wife; your husband; parents; his parents; her parents; my parents; your parents; my family; my son; my daughter",
		"adviser; advisor; financial adviser; financial advisor; my adviser; your adviser; accountant; solicitor; lawyer; my bank; the police",
	}},
	{"SECRET", []string{
		"if you call the police your; if you call the police he; if you call the police she; if you tell the police your",

		"do not mention me; do not mention microsoft; do not mention the company",

		"confidential federal investigation; this is a confidential case; there is no time to call your daughter|son|family|husband|wife|bank; no time to call your daughter|son|family|husband|wife|bank; no time to speak to your daughter|son|family|husband|wife|bank; they will try to talk you out of it; they always say that; they just want to keep your money",

		"strictly between us; between you and me; keep this strictly between us; not to talk to anyone; not to speak to anyone; not to tell anyone; not to tell anybody; not to talk to anybody; not speak to anyone; not even her son; not even his son; not even her daughter; not even his daughter; not even her kids; not even his kids; not even your family; not even the bank; not to discuss this",

		"do not disclose this to anybody; do not disclose this to anyone; do not disclose it to anyone; do not share with family; do not share with your family; remain in the room alone; stay in the room alone; remain alone in the room; matter of national security",
		"be in the room alone; nobody else should be there; you have to be alone; stay alone in the room",

		"do not say about the refund; do not mention the refund; do not tell them about the refund; do not tell the bank about the refund; the bank does not know about the refund; if you say refund; do not call me from inside the store",

		"keep this call confidential; keep the call confidential; confidential matter; national security matter; if you tell anyone; do not tell anybody about this call; not tell anybody about this call; stay on video call; stay on the video call; keep the camera on; the suspects could be alerted",

		"keep this confidential; keep it confidential; keep this between us; keep it between us; keep this to yourself; keep it to yourself; keep this secret; keep it secret; keep this quiet; keep it quiet; keep this private",
		"this is confidential; strictly confidential; highly confidential; top secret; classified; gag order; under a gag order; nobody can know; no 1 can know; no 1 must know; nobody must know; tell no 1; tell nobody",
		"this is a secret investigation; confidential investigation; undercover investigation; secret investigation; non disclosure; do not discuss this",
	}},
	{"COACHSAY", []string{
		"if anybody asks; if anyone asks; if somebody asks; if they ask you; if the bank asks",

		"you have to say; you just say; just say; you will just say; say yes",

		"tell them; tell the bank; tell the cashier; tell the teller; tell the staff; tell her; tell him; say; say that; tell them that; you say; you tell them; you will say; you will tell them; you must say; if they ask",
		"i am to say; i was to say; i have to say; i had to say; he told me to say; she told me to say; they told me to say; told me to tell",
	}},
	{"COACHLIE", []string{
		"it was my nephew|niece|son|daughter|grandson|granddaughter|friend|brother|sister|cousin",

		"for the roof; for a new roof; it is for your own business; for your own business; it is for business",

		"it was your nephew|niece|son|daughter|grandson|granddaughter|friend|neighbour|neighbor|brother|sister|cousin; it is your nephew|niece|son|daughter|grandson|granddaughter|friend|neighbour|neighbor|brother|sister|cousin",

		"it is for the renovation; for the renovation of your house; it is my nephew; it is my niece; a payment to your contractor; payment to your contractor; it is a payment to your builder",

		"it is for a|your? gift|present|family|friend|holiday|vacation|renovation|renovations|home_improvements|building_work|personal_use|grandchildren|grandson|granddaughter|car|wedding",
		"it is a gift; it is a present; it is personal; it is for personal reasons; you are buying a car; you are buying a gift; you know me; i am your nephew; i am your grandson; for a family member",
		"you are renovating; you are doing renovations; you are paying a builder; it is for your son; it is for your daughter; nobody asked you",
		"it was for a|your? gift|present|family|friend|holiday|vacation|renovation|renovations|home_improvements|building_work|personal_use|grandchildren|grandson|granddaughter|car|wedding|new_kitchen|new_car|new_bathroom|new_roof; a new kitchen; new kitchen; a new bathroom; a new roof; a new car; it was a gift; it was for a relative",
		"it is for my nephew; it is for my niece; it is for my son; it is for my daughter; it is for my grandson; it is for my granddaughter; it is for my brother; it is for my sister; it is for my friend; it is for a friend",
	}},
	{"THREAT", []string{
		"pension stops; the pension stops; payments have been put on hold; your payments have been put on hold; benefits have been put on hold; payments are on hold",

		"for litigation; forward your file; to the county for litigation; forward your file to; file for litigation",

		"your visa will be cancelled; visa will be cancelled; visa will be canceled; visa will be revoked; visa status will be cancelled; deported back; green card will be cancelled; green card will be revoked; citizenship will be revoked",

		"otherwise the case; the case will go on your name; case will go on your name; the case will be on your name",

		"remove goods; remove your goods; take goods; take your goods; take goods from your property; take our furniture; take your furniture; take the car; take your car; clamp your car; high court writ; criminal case; it will be a criminal case; send the police; we will send the police; police will be sent; notify your employer; inform your employer; contact your employer; be served; served at work; served at your home; avoid being served",

		"clear your name; help you clear your name; the case goes to; case goes to court; goes to the court",

		"used in the court of law; used in a court of law; court of law",

		"case has been sent to; sent to the crown court; sent to the court; close the file; the case will be filed; legal action will be taken; being sued; was being sued; is being sued; you are being sued; sue you; settle quickly; otherwise it would be",

		"case has been filed; a case has been filed; filed against your; allegations filed against; complaint had been filed against; complaint has been filed against; suing you; is suing you; a judgment will be entered; judgment will be entered; wages will be garnished; wages garnished; process server; process service department; attach your salary; attach your wages; block your bank account; freeze your bank account; goes to court; it goes to court; drop the case; to avoid being arrested; face charges; or face charges; prove your innocence; considered as a suspect; considered a suspect; you are a suspect; you are now a suspect; you are under investigation; being investigated for; clearance certificate; to stop the investigation; money laundering ring; pay a fine; threatened a fine",

		"deported; deportation; deport you; criminal charges; charges against you; criminal offense; criminal offence; federal criminal offense; federal offense",
		"prosecuted; prosecution; legal action; legal actions; legal proceedings; lawsuit; a lawsuit; you will be sued; will be sued; we will sue you; going to sue you; court case; legal case; case file; your case file; legal consequences; legal consequence; legal enforcement action; legal enforcement actions; illegal enforcement action; enforcement action; enforcement actions",
		"take legal action; forced to take legal action; take necessary action; necessary action on this matter; legal notice; final legal notice; lawsuit has been filed; filed a lawsuit; filed against you; filed on your name; filed under your name; filed on your social security",
		"seize your; seize; seizure; freeze your assets; freeze your accounts; assets will be frozen; license will be suspended; passport will be cancelled; passport will be revoked; criminal record",
		"bailiff; bailiffs; enforcement officers; enforcement agents; high court enforcement; debt enforcement; sheriff's officers; repossess; repossession; garnish your wages; wage garnishment; garnishment; a lien; put a lien",
		"cancel your visa; lose your benefits; benefits will be stopped; your pension will be stopped; your benefits will be suspended; your benefits will be cancelled; benefits canceled; benefits cancelled",
		"case registered against you; a case registered against you; case being registered against you; a case against you; case will be registered; register a case",
		"benefits would be cut off; benefits will be cut off; lose her benefits; lose his benefits; benefits cut off; your benefits will stop",
	}},
	{"ARREST", []string{
		"goes over to the rcmp; goes over to the police; handed over to the police; passed to the police; goes to the police; referred to the police; goes to the enforcement team; gone to the enforcement team; officers are on the way; officers are on their way; police are on the way; police are on their way; police were on their way; the police are coming; on the way to your address; coming to your address; coming to your house; at your door",

		"arrest; arrested; arresting; under arrest; jail; jail time; prison; imprisonment; handcuffs; you will be taken into custody; taken into custody; custody; detained; detain you",
		"the police will come; officers will come; sheriff will come; come to your house and arrest; come to your home and arrest; police at your door; officers at your door; local police will; the cops",
	}},
	{"WARRANT", []string{
		"warrant; warrants; arrest warrant; warrant for your arrest; warrant against your name; warrant against you; warrant under your name; warrant in your name; bench warrant",
		"summons; court summons; subpoena; suspension notice; initial appearance; appearance before a magistrate; magistrate; grand jury; court date; court hearing; appear in court; before the judge",
	}},
	{"ACCOUNTTHREAT", []string{
		"we have frozen your account; we have blocked your account; we have locked your account; we have suspended your account; we have restricted your account; to reinstate your account; reinstate your account; to reactivate your account; reactivate your account",

		"kyc is not updated; kyc not updated; kyc is pending; kyc is expired; kyc has expired; kyc update is pending; pan card is not linked; pan is not linked",

		"got frozen; has got frozen; was frozen; got blocked; got locked; to unfreeze; to unfreeze it; unfreeze it",

		"has been temporarily frozen; temporarily frozen; will remain restricted; remain restricted; to restore access",

		"has been temporarily blocked; card has been blocked; account has been frozen; account is frozen; account is going to be frozen; going to be frozen; account's been frozen; account has been blocked; we can not unfreeze; unfreeze the account; unblock it; direct debits will fail; kyc details are out of date; kyc details; will be frozen in",

		"your account will be closed|suspended|frozen|blocked|locked|terminated|deactivated|cancelled; your card will be blocked|cancelled|stopped|frozen",
		"your accounts will be closed|suspended|frozen|blocked; we will close your account; we will have to close your account; you will lose access",
		"has been deactivated; has been de activated; has been suspended; account will block; account will be blocked; will be blocked within; your kyc has been suspended; kyc has been suspended; your atm card has been; card has been deactivated; card has been de activated; account has been restricted; account has been limited; account is on hold",
	}},
	{"URGENT", []string{
		"immediately; right away; urgent; urgently; as soon as possible; asap",
		"hurry; quickly; final notice; final warning; limited time; expires today; very serious; extremely serious; emergency",
	}},
	{"URGENTSTRONG", []string{
		"time is of the essence; high priority case; a high priority case; an urgent matter; this is an urgent matter; we need to move quickly; we need to act quickly; we must act quickly",
		"before it is too late; time is running out; act now; act fast; hurry up; quick quick; last chance; you need to act now; you must act now; there is no time to waste; no time to lose",
	}},
	{"YOURASSETS", []string{
		"your bank; your bank account",

		"your money; your savings; your funds; your bank accounts; your accounts; your account; your pension; your identity; your personal information; your data; your information",
		"your photos; your files; your details; your credit; your credit score; your card; your cards; your life savings; your retirement",
		"my money; my savings; my funds; my bank account; my accounts; my account; my pension; my identity; my personal information; my data; my banking details; your banking details; my details; my card",
	}},
	{"ATRISK", []string{
		"at risk; in danger; not safe; being stolen; being taken; being drained; will be stolen; will be lost; will be gone; being used; is being accessed; being accessed; being misused; stolen",
		"compromised; exposed; vulnerable; under threat; being hacked; will be emptied; being emptied; will be wiped",
	}},
	{"DOOM", []string{
		"will not be able to start the computer; will not be able to use it; completely blocked; will not work after that; will not work anymore; your computer will not work; data will be lost; lost permanently; lose your data; stop working tomorrow",

		"become unusable; will stop working; stop working completely; will crash; will be destroyed; will be deleted; lose everything; lose all your data; lose all your files; lose all your photos",
		"permanently damaged; permanently locked; permanently lost; permanently deleted; it will get worse; spread to your; spread to other; damage your computer; destroy your computer; your computer will die",
		"your internet will be disconnected; your internet will be cut off; cut off your internet; disconnect your internet; suspend your internet; your service will be suspended; your ip address will be blocked; block your ip address; your license will be cancelled; your windows will be blocked",
		"would stop it working; stop it working; would stop working; stop your computer working; would stop my computer working",
	}},
	{"STAFFWORD", []string{
		"bank manager; the bank manager; the manager; your manager at the bank; the branch manager",

		"bank staff; bank employees; employees; staff member; staff members; cashier; cashiers; teller; tellers; someone at your bank; someone at the bank; people at your bank; people at the bank",
		"your bank manager; branch staff; branch manager; someone in the branch; people in the branch; insiders; an insider; inside job; the staff",
	}},
	{"CORRUPT", []string{
		"get commission; they get commission; get commission from the police; do not know anything about the",

		"involved; in on it; corrupt; working with the criminals; working with them; part of this; part of the fraud; part of the scam; can not be trusted; cannot be trusted; are under investigation; is under investigation; stealing",
	}},
	// --- selling and paying ---------------------------------------------------
	{"PLAN", []string{
		"the lifetime; two years or the lifetime; one time investment; no charges for all of your life; for all of your life; digital warranty; computer warranty; years of protection",

		"lifetime support; lifetime protection; lifetime plan; lifetime license; lifetime warranty; lifetime service; lifetime membership; lifetime security; lifetime subscription; life time support; life time protection",
		"1 time fix; 1 time fee; onetime fee; support plan; protection plan; security plan; maintenance plan; service plan; technical support plan; security package",
		"#num year plan; #num years plan; #num year protection; #num year support; #num year license; yearly plan; annual plan; firewall protection; premium support",
		"network security plan; antivirus package; security software; protection software; new firewall; install a firewall",
	}},
	{"PRICEWORD", []string{"charge; fee; cost; costs; price; pay; payment; charges; it will cost; only cost; it is only; owed; i owed; you owe; owe; it would cost; would cost"}},
	{"FIXWORD", []string{"fix your computer; fix the computer; fix your pc; fix your laptop; repair your computer; repair the computer; clean your computer; clean up your computer; remove the virus; remove the viruses; virus removal; technician service; fix it; fix the problem; fix the issue; fix everything; renew it; renew your license; renew the license; renew your licence; renewal; security fix; the fix; a fix; the repair"}},
	{"GIFTCARD", []string{
		"iTunes=i tunes; i tunes card; i tunes cards; i tune cards; i tunes gift card; i tunes gift cards; i tunes vouchers",

		"Gift vouchers=itunes vouchers; apple vouchers; google play vouchers; ebay vouchers; amazon vouchers; steam vouchers; play store vouchers",

		"gift cards=gift card; gift cards; giftcard; giftcards; apple cards; itunes cards; google play cards; steam cards; play store cards; amazon cards; gift voucher; gift vouchers; store card; store cards",
		"iTunes=itunes; itunes card; apple gift card; apple gift cards; app store card; app store and itunes",
		"Google Play=google play; google play card; play store card; google play gift card",
		"Steam=steam card; steam gift card; steam wallet; steam wallet card",
		"Amazon gift card=amazon gift card; amazon gift cards; amazon card; amazon voucher",
		"eBay gift card=ebay gift card; ebay card; ebay cards",
		"Target gift card=target gift card; target card; target cards", "Walmart gift card=walmart gift card; walmart card; walmart cards",
		"Vanilla=vanilla; one vanilla; onevanilla; vanilla visa; vanilla card; vanilla cards", "Visa gift card=visa gift card; visa gift cards; prepaid visa",
		"Prepaid card=prepaid card; prepaid cards; prepaid debit card; reloadable card; green dot; greendot; moneypak; money pak",
		"Razer Gold=razer gold", "Sephora gift card=sephora card; sephora gift card", "Best Buy gift card=best buy card; best buy gift card",
		"Paysafecard=paysafecard; paysafe card; paysafe", "Neosurf=neosurf", "Ukash=ukash", "Xbox card=xbox card; xbox gift card",
		"PlayStation card=playstation card; psn card; playstation gift card", "Nintendo card=nintendo card; nintendo eshop card",
	}},
	{"GIFTSTRONG", []string{
		"or gift card; or by gift card; card or gift card",

		"through the gift cards; through gift cards; verifying them in the federal system; verifying them in the system; verify the gift cards; verifying the gift cards; buy new cards; buy new cards from a different store; the card that you read; did the cashier activate; not activated properly; at the store for the cards; credit card at the store for the cards",

		"photos of the backs; photo of the back; pictures of the backs; picture of the back; photos of the back of the cards; scratch off the back",
		"get it in cards; pay it in cards; the rest in cards; in cards; cards worth; google play cards worth; vouchers worth",

		"get the cards from the store; the cards from the store; buy the cards; buy more cards; another #num cards",

		"buy #num cards; #num cards of #num; cards of #num dollar each; cards of #num dollars each; cards of #num each; when the cashier scan the cards; scan the cards; the cards are activated; cards are activated; the apple cards; from inside the store; accepted by our company",

		"by the gift card; by the gift cards; need it by the gift; the green dot card; the vanilla card; green dot card or; prepaid payment; only the prepaid; buy vouchers; vouchers at the; vouchers from the; in vouchers; pay in vouchers",

		"scratch the back; scratch the silver; scratch off; scratch it; silver strip; silver panel; the claim code; claim code; claim codes; redemption code; redemption codes",
		"in gift cards; in itunes cards; in google play cards; in steam cards; in amazon gift cards; in amazon cards; with gift cards; by gift card; by gift cards; using gift cards; via gift cards; with vouchers; in apple gift cards; with apple gift cards; with google play cards",
		"has to be gift cards; has to be in gift cards; must be gift cards; only gift cards; only takes gift cards; only accept gift cards; only accepts gift cards; cash or gift cards; in the form of gift cards",
		"numbers on the back of the card|cards; numbers on the back of each card; the card numbers; card numbers and pins; pin on the back; photo of the card|cards; picture of the card|cards",
		"with a google play card; with a gift card; with an itunes card; with an amazon card; with a steam card; on a gift card; using a gift card; with an apple card; with apple cards; in apple cards",
		"with a prepaid card; with prepaid cards; with a green dot; a prepaid green dot card; on a prepaid card; prepaid green dot",
	}},
	{"BUYVERB", []string{
		"accepts; accept; only accepts; we only take; only takes",

		"the fastest is; the fastest way is; the quickest way is; the quickest is; fastest way is; quickest way is",

		"buy; purchase; get; pick up; go to; pay; pay with; pay in; pay by; payment in; payment by; payment with; in the form of; send; load; use; bought; purchased; go buy; go and buy; store and buy; shop and get",
	}},
	{"CARDDETAIL", []string{"numbers; number; code; codes; pin; pins; scratch; back of; read; send; photo; picture; numbers on the back; card number; claim"}},
	{"CRYPTO", []string{
		"Bitcoin=coin flip; coinflip; coin flip machine; bitcoin depot; coinme; athena bitcoin",

		"Bitcoin=coin atm; coin machine; bitcoin cash machine",

		"Bitcoin=bitcoin; bit coin; bitcoins; btc; bitcoin atm; bitcoin machine; bitcoin kiosk; bitcoin wallet",
		"Cryptocurrency=crypto; cryptocurrency; crypto currency; cryptocurrencies; crypto atm; crypto machine; crypto wallet; crypto kiosk; digital currency; digital coins",
		"Ethereum=ethereum; ether; eth", "Tether=usdt; tether", "Litecoin=litecoin", "Coinbase=coinbase", "Binance=binance", "Crypto wallet=wallet address; digital wallet; cold wallet",
	}},
	{"CRYPTOUSE", []string{
		"accept; accepts; only accept; we accept; pay in; payment in; paid in",

		"buy; purchase; convert; deposit; put; send; transfer; pay; insert; feed; load; scan; scan the qr code; qr code; into the machine; atm; machine; kiosk; wallet; address; bitcoin atm",
	}},
	{"WIREODD", []string{
		"Remitly=remit lee; remit ly",

		"Western Union=western union; west and union; western onion; westen union; western union money transfer",
		"MoneyGram=moneygram; money gram; money grams",
		"Ria=ria money transfer; ria transfer",
		"WorldRemit=worldremit; world remit",
		"Remitly=remitly",
		"Walmart-to-Walmart=walmart to walmart; walmart 2 walmart",
	}},
	{"WIREPAYVERB", []string{
		"send; sent; send it; send the money; wire; wire it; wired; pay; paid; payment; transfer; it has to be; has to be; must be; only by; only through; through; via; by; go to; use; do it by; do it through; in the form of",
	}},
	{"WIRE", []string{
		"Wire transfer=by wire; via wire; wire payment",

		"Wire transfer=wire transfer; wire the money; wire it; wire money; wire the funds; bank wire; wire #num",
		"Western Union=western union", "MoneyGram=moneygram; money gram", "Ria=ria money transfer", "Remitly=remitly", "WorldRemit=worldremit; world remit", "Xoom=xoom",
		"Zelle=zelle", "Venmo=venmo", "Cash App=cash app; cashapp", "PayPal=paypal friends and family",
		"Bank transfer=bank transfer; faster payment; send money; send the money; transfer the money; transfer money; transfer the funds; transfer funds; transfer it; send it over; make a transfer; do a transfer",
	}},
	{"PAYASK", []string{
		"had to send; had to send the money",

		"had to be paid by; has to be paid by; must be paid by; needs to be paid by; accept payments by; only accept payments; can only accept; we only accept; only accept; pay into this account; pay into the account; if you pay",

		"i need you to; you need to; you have to; you must; you will need to; we need you to; can you; could you; please; go ahead and; i want you to; you should; you will have to; all you have to do is",
		"told me to; asked me to; wanted me to; had me; made me; got me to; instructed me to; he said to; she said to; they said to; said i should; said i had to; said i needed to; said i must; i had to; i needed to; i was told to; told us to; asked us to; wanted us to; kept telling me to; insisted i; insisted that i; tried to get me to; he needed me to; she needed me to; they needed me to",
		"wanted the money; wanted it; wanted payment; he wanted it; she wanted it; they wanted it; wanted it on; wanted it in; wanted the payment",
		"we had to; had to pay; we needed to; she had to; he had to",
	}},
	{"WITHDRAW", []string{"withdraw; withdraw all; take out; draw out; get out; take all; cash out; withdrawal"}},
	{"CASHWHAT", []string{"cash; money; #num; savings; funds; all of it; all the money; the money; everything; your savings; your money; the cash; in cash"}},
	{"GOBANK", []string{"go to the bank and; go to your bank and; go to the bank; go to your bank; go to the branch; go to your branch; drive to the bank; visit your bank and"}},
	{"COLLECTOR", []string{"a man from the court; someone from the court; a court officer; a bail officer; a man from the bank; courier; a courier; our courier; driver; a driver; someone; an officer; officer; agent; our representative; a colleague; my colleague; our agent; we will send someone; we will send a courier; someone will"}},
	{"COLLECT", []string{"pick it up; collect it; come and pick it up; come to collect it; come to pick it up; take the envelope; take the cards; take both cards; take your cards; collect the envelope; pick up the envelope; collect the cards; pick up the cards; collect; pick up; picked up; come to your house; come to your home; come round; come around; come by; come and get; come and collect; meet you; be collected; be picked up; take it"}},
	{"VALUABLES", []string{"cash; money; your card; your cards; card; cards; bank card; bank cards; debit card; credit card; gold; gold bars; valuables; jewellery; jewelry; envelope; the envelope; your pin; the cash"}},
	{"CARDCUT", []string{"cut up the card; cut up your card; cut your card; cut the card in half; cut it in half; cut it up; keep the chip; do not destroy the chip; put the card in an envelope; put your card in an envelope"}},
	{"STOREGO", []string{"go to; drive to; walk to; go down to; nearest; nearby; closest; which store; what store; is there a; near you"}},
	{"STORE", []string{"walmart; target; cvs; walgreens; best buy; costco; 7 eleven; kroger; dollar general; rite aid; the store; a store; any store; the shop; a shop; tesco; sainsbury; sainsburys; asda; argos; boots; the post office; a supermarket; the supermarket; petrol station; gas station"}},
	{"BALANCE", []string{
		"tell me the balance; what is the balance showing; the balance showing",

		"which bank you are with; which bank are you with; which bank do you have; which bank do you bank with; name of the bank linked; which bank is linked; the bank linked to",
		"which bank you use; which bank do you use; what bank do you use; what bank are you with; who do you bank with; which banks do you use",
		"how much money do you have; how much do you have in; what is your balance; what is the balance; check your balance; your available balance; how much is in your; do you have any other bank; do you have another bank; any other accounts; other bank accounts; your savings account balance"}},
	{"GIFTFOR", []string{"for your niece|nephew|granddaughter|grandson|daughter|son|friend|sister|brother|mum|mom|dad; for my granddaughter; for my grandson; for my daughter; for my son; for my niece; for my nephew; for her birthday; for his birthday; for my birthday; birthday present; christmas present; as a present; as a gift; for a present; wedding present; for christmas"}},
	{"CONCEAL", []string{"put; place; wrap; hide; send; post; mail; seal; pack"}},
	{"CASHNOTES", []string{"the #num; #num dollars; #num pounds; cash; money; notes; bills; banknotes; the cash; the money"}},
	{"CONTAINER", []string{"envelope; box; parcel; package; magazine; book; post; mail; shoebox; a bag; an envelope"}},
	{"GOLD", []string{"gold; gold bars; gold coins; bullion; precious metals; silver bars"}},
	{"FEE", []string{
		"tax component; the tax component; insurance and delivery fee; the insurance and delivery fee",

		"filing fee; court fee; court filing fee; legal filing fee; liquidity fee; a liquidity fee",

		"retainer fee; a retainer fee; retainer; recovery fee; recovery charge",

		"bond fee; immigration bond; immigration bond fee; document preparation fee; preparation fee; anti money laundering certificate; money laundering certificate; aml certificate; certificate fee; release certificate",

		"fee; fees; duty; a duty; the duty; processing fee; release fee; customs fee; customs fees; customs charge; customs duty; import duty; delivery fee; redelivery fee; handling fee; clearance fee; clearance charge",
		"small fee; admin fee; administration fee; activation fee; insurance fee; shipping fee; shipping charge; transfer fee; unlocking fee; withdrawal fee; legal fee; legal fees; bail money",
		"tax on your winnings; taxes on your winnings; tax on the prize; taxes on the prize; the taxes first; the tax first; the taxes on it; the tax on it; a tax first; tax first; pay a tax; tax of #num; tax clearance; the tax clearance; registration fee; verification fee; service fee; postage; unpaid postage; outstanding fee",
		"security deposit; a security deposit; refundable deposit; a refundable deposit; deposit; verification deposit; clearance deposit",
	}},
	{"FEEPAY", []string{
		"we require; we will require; require a; requires a",

		"asked for; asked me for; asked him for; asked her for; demanded",
		"pay; paid; payment; cover; send; settle; paying; pay the; pay a; need to pay; have to pay; must pay; only pay; just pay; you pay"}},
	{"RELEASE", []string{
		"before; to release; to receive; to claim; to get; to unlock; to redeliver; to deliver; in order to; so that; so we can; first; upfront; up front; in advance; release your; receive your; claim your",
	}},
	{"CARDDETAILS", []string{
		"pension details; your pension details; my pension details",

		"the long number; the long number on the card; the #num digits on the front",

		"card number; long card number; long number; long number on your card; #num digit card number; card details; card info; card information; debit card details; credit card details; debit card number; credit card number",
		"expiry date; expiration date; expiry; cvv; cvc; cvv2; security code on the back; #num digits on the back; #num digit code on the back; security number on the back; billing details",
		"bank details; banking details; account number; bank account number; routing number; sort code; account and routing number; iban; swift code",
		"my card details",
	}},
	{"SECRETS", []string{
		"cash app pin; the cash app pin; venmo pin; upi pin; the upi pin; your upi pin; u p i pin",

		"fsa id; f s a id; federal student aid id; the login for the portal; your portal login; government gateway id; government gateway login; gateway id; mygov login; my gov login; id me login; irs login",

		"memorable word; memorable information; memorable answer; letters from your memorable word; characters of your memorable word; security answer",

		"characters of your password; characters from your password; digits of your pin; online banking username; banking username",

		"password; passwords; pin; pin number; your pin; full pin; passcode; login details; log in details; login; sign in details; log in information; login information; login credentials; your credentials to log in",
		"online banking password; banking password; one time password; one time passcode; otp; card reader code; pinsentry code; authentication code; 2fa code; two factor code; security code; verification code",
		"username and password; user name and password; email password; your password; your full password; your whole pin; full password",
	}},
	{"IDENTITY", []string{
		"medicare id; medicare i d; your medicare id; medicare card number",

		"social security number; social security #num; ssn; ss number; social; national insurance number; ni number; sin number; tax id; tax identification number; medicare number",
		"mother's maiden name; mothers maiden name; maiden name; passport number; driver's license number; drivers license number; driving license number; driving licence number; drivers licence number",
	}},
	{"ASKFOR", []string{
		"i need; we need; i will need; what is; what are; can i have; can i get; could i have; can i take; let me have; give me; provide; confirm; verify; tell me; read me; read out",
		"may i have; send me; type; type in; enter; share; need your; i just need; we just need; ask for; asking for; input; key; key in; punch in; tap in; asked for; asked me for; asked for my; wanted my; wanted me to give; demanded; demanded my; wanted to know my; needed my; got my; gave him my; gave her my; gave them my; i gave; i read out; i read them",
		"i can take; we can take; had to give; i had to give; she had to give; he had to give; we had to give; needed her; needed his; wanted her; wanted his",
		"wanted; wants; he wants my; she wants my; they want my; he needs my; she needs my; they need my; caller wants my; is asking for my; are asking for my; asking me for; keeps asking for; kept asking for; keep asking for; asks for; asks me for; wants to know my; after my; want the numbers; need the numbers",
		"man wants my; woman wants my; caller needs my; man needs my",
	}},
	{"BANKACCESS", []string{
		"your online banking; online banking; your bank account; your bank accounts; bank account; your banking app; banking app; your bank app; mobile banking; internet banking",
		"your bank's website; your bank website; your banking; net banking; in to your bank; into your bank; on to your bank; onto your bank",
	}},
	{"LOGIN", []string{"log in; log into; login; log on; log onto; sign in; sign into; open; access; pull up; check; logged in; signed in"}},
	{"REFUND", []string{
		"putting in the refund; the refund is being done",

		"refund; refunds; refunded; refunding; refund your amount; your refund; the refund; reimbursement; reimburse; money back; compensation; overpayment; over payment; overpaid; rebate; tax rebate; tax refund; credit back; partial refund; full refund",
	}},
	{"GIVEYOU", []string{
		"eligible for; entitled to; owed; you are owed; qualify for; qualified for; we owe you; we are giving you; we are giving; going to give you; we will be giving you; we need to give you; need to give you",
		"you are due; you have a pending; issue you a; issuing a; issuing you a; we are issuing; we are refunding you; we will refund you; we need to refund you; to give you your",
		"process your; process the; to process; we will process; we need to process; we can process; issue your; issue the; to issue; receive your; to receive your; get your; to get your; refund your; to refund your",
	}},
	{"SUBSCRIPTION", []string{
		"total defense; pc matic; premium protection; office 365; microsoft 365; family plan; windows defender subscription; geek squad plan; the invoice; an invoice; invoice; the email said; an email",

		"subscription; membership; renewal; auto renewal; automatic renewal; auto renew; geek squad; norton; mcafee; prime membership; amazon prime; antivirus; service; support plan; protection plan; contract",
	}},
	{"CANCELLED", []string{
		"went through; has gone through; has been taken; was taken from",

		"debited successfully; will be debited; auto renewal successful; renewal successful; renewed successfully; thank you for your purchase; your purchase of; you took; took #num; i do not even have; i never had",

		"cancelled; canceled; cancel; renewed; will renew; auto renewed; discontinued; closing; closed; shutting down; going out of business; charged you; charged; deducted; debited; billed; taken from your account",
		"never signed up; i never signed up; did not sign up; i did not sign up; an invoice; invoice; never asked for it; never ordered it; i never ordered",
		"done automatically; was done automatically; automatically renewed; renewed automatically; has been renewed; was renewed; will be charged",
	}},
	{"OVERREFUND", []string{
		"our system was transferring the funds; the system was transferring the funds; refresh the page and tell me the balance; refresh the page and tell me; return of excess funds; return the excess; the excess funds; the excess amount; the amount was typed by you; the amount was typed by you only; i am begging you",

		"system made a mistake it put; made a mistake and put; made a mistake it put; the system put #num; it put #num in your; put #num in your savings; put #num in your account instead; typed #num instead of; entered #num instead of; put an extra #num",

		"lose his job; lose her job; lose their job; he would lose his job; she would lose her job; send the extra back; accidentally put #num in; put #num in by mistake; accidentally sent; accidentally put in; you have to return the balance; you need to return the balance; return the balance to me; i only had to give you",

		"i will be punished; i will get punished; they will punish me; my salary will be cut; they will cut my salary; i will lose my salary",

		"received #num instead of; you have received #num instead; sent #num instead of; the amount was wrong; was trying to put #num; the extra #num is there; send #num back; send back #num; the system has sent #num",

		"sent you by mistake; refund we sent you by mistake; deposited by mistake; you have to return it to us; you will send us back; send us back the; going to fire me; fire me; my job will be finished; my job will be gone; easy to send back; send it back to us; you have to return #num; return the #num",

		"sent too much; sent you too much; gave you too much; refunded too much; transferred too much; deposited too much; too much money; an extra zero; extra zero; extra zeros; typed an extra; added an extra",
		"put in too much; send back the difference; send the difference; pay back the difference; return the difference; return the extra; give back the extra; refund us the difference; send the rest back; send back the extra",
		"lose my job; i will be fired; i will get fired; i could be fired; i will get in trouble; my manager will; get me fired; my job is on the line",
	}},
	{"REFUNDFORM", []string{
		"fill a form on my computer; fill in a form on my computer; fill a form on the computer; fill out a form on my computer; fill a form on your computer; fill in a form on your computer",

		"refund software; refund app; refund application; refund tool; cancellation portal; cancellation form; cancellation software; refund amount",
		"fill out the refund form; refund form; fill in the form; type the amount; enter the amount; type in the amount; put in the amount; refund portal; refund page"}},
	{"SAFEACC", []string{
		"to the security email; the security email i gave you; so it cancels the fraudulent one; it cancels the fraudulent one; cancels the fraudulent transaction; into the new account under your name; new account under your name for the reassessment; for the reassessment",

		"venmo security team; zelle security team; cash app security team; paypal security team",

		"open the new account in your name; open a new account in your name today; send the same amount to yourself; to reverse that zelle; reverse that zelle transfer; reverse the zelle transfer; to yourself using zelle; to yourself using the zelle",

		"internal suspense account; bank internal suspense account; into the suspense account; to the suspense account; safe federal voucher; federal voucher; government voucher; safe voucher",

		"ring fenced account; ring fenced; holding wallet; government holding wallet; government wallet; protected wallet; a new protected account; new protected account",

		"verification account; secure government account",

		"government account; reserve account; protected under the compensation scheme; reversal account; our reversal account; reverse the fraud; payment to yourself",

		"safe account; safe accounts; secure account; secured account; safety account; protected account; holding account; temporary profile; a temporary profile; temporary bank account; into a temporary account; to a temporary account; new secure account; has just been created for you; it has been created for you; new account in your own name; a new account under your name; safe wallet; secure wallet; safe haven account; escrow account; vault account",
	}},
	{"MOVEVERB", []string{"move; transfer; put; shift; send; relocate; moving; transferring"}},
	{"MONEYOBJ", []string{
		"the whole balance; your whole balance; the full balance; all of your savings; all your savings; everything you have; her savings; his savings",

		"her money; his money; their savings; their money; her pension; his pension; your retirement savings; my retirement savings",
		"your money; your funds; your savings; the money; all your money; all of your money; everything; the balance; your balance; your pension; your life savings; your cash; all the funds; my money; my savings; my pension; my funds; my life savings; it; them; all of it; my cash"}},
	{"SAFEDEST", []string{
		"an account they; account they had set up; account they set up; account we have set up; account we set up; account we have opened; account we opened; an account set up for",

		"new account; another account; account we; account i; account that; a safe; safe; secure; protect; protected; for safe keeping; for safekeeping; keep it safe; keep them safe; protect it; protect them; out of reach of",
		"into their fund; into our fund; into the fund; into a fund; into the bond; a new account; new account to protect it",
	}},
	{"BADTXN", []string{
		"said there was fraud; there has been fraud; there was fraud on; fraud on your account; fraud on my account; dodgy payments; dodgy transactions; strange payments; payments you did not make; payments i did not make",

		"suspicious transaction; suspicious transactions; unauthorized transaction; unauthorized transactions; fraudulent transaction; fraudulent transactions; suspicious activity; unusual activity; fraudulent activity",
		"fraudulent charges; unauthorized charges; unauthorized payment; unauthorized purchase; someone is using your card; someone has been using your card; your card has been cloned; cloned; attempted transaction",
		"someone applied for a loan; a loan in your name; your account has been hacked; account has been compromised; your account is compromised",
	}},
	{"LOCKTHREAT", []string{
		"the computer will be locked; computer will be locked; computer will be blocked; will be completely blocked; the computer will be blocked",

		"syskey; sys key; lock your computer; lock the computer; lock you out; locked you out; set a password on your computer; put a password on your computer; your computer will be locked; we will lock",
		"disable your computer; block your computer; lock your files; encrypt your files; you will never get back in",
	}},
	{"UNATTENDED", []string{
		"unattended access; leave your computer on; leave the computer on; keep the computer on overnight; leave it on overnight; leave it running; permanent connection; permanent access; background service; check on it later",
	}},
	{"RECOVERY", []string{
		"success basis; on a success basis; success rate with that broker; recovered funds; the recovered funds; everyone on that list is owed",

		"traced your funds; traced my funds; traced her funds; traced the funds; located your funds; found your money; traced your money",

		"have it all back; can have it all back; get it all back; recover your losses; recover what you lost; get back what you lost; recover it all; get all of it back; get everything back; can get it back; they can get it back",
		"recover your money; recover your funds; recover your lost; recover the money; get your money back; recovery service; recovery services; fund recovery; funds recovery; asset recovery; we can recover; recovery fee",
		"recovery agent; recovery agency; caught the scammers; caught the fraudsters; caught the criminals; arrested the scammers; we tracked down; tracked the money; we traced the money; we located your money",
		"get back the money; get back my money; get back your money; get my money back; get the money back i lost; recovery company; recovery firm; recover my money; recover what i lost",
	}},
	// --- lures ---------------------------------------------------------------
	{"POPUP", []string{
		"your computer is blocked; computer is blocked for security reasons; blocked for security reasons; this box came up; a box came up; box came up with; came up with the microsoft logo; it gave you this toll free number; gave me a toll free number; gave me this number to call",

		"screen has gone all blue; screen has gone blue; screen went blue; screen has gone all red; screen went all red; keeps going beep; keeps beeping; a phone number in the middle; phone number in the middle; number in the middle of the screen",

		"number that was on the screen; the number on your screen; number which was given; given on your screen; on my computer saying to call; saying to call this number; to call this number because; page came up; will not go away; voice keeps talking; my computer is blocked; firewall breach detected; alert on your iphone; alert on your computer; alert on your screen; got the alert; sent you the alert; message on my computer; a message on my computer; the support number on the screen; support number that was on the screen",

		"pop up; popup; pop ups; popped up; a message popped up; flashing warning; flashing message; flashing red screen; warning on my screen; warning on the screen; message on my screen; message on the screen; my screen froze; screen locked; my screen locked",
		"browser locked; browser froze; loud noise; loud alarm; loud beeping; alarm sound; a voice saying; a number to call; called the number on the screen; number on the screen; microsoft warning; microsoft alert",
		"windows alert; windows warning; call microsoft; call apple support; phone number on the screen; toll free number on the screen; your computer has been blocked; computer has been locked; red screen; blue screen with a number",
		"pop up on my screen; popped up on my screen; popped up on my computer; came up on my screen; came up on my computer; a warning came up; a message came up; an alert came up; it said to call; it said call; said to call this number; said i had to call; told me to call the number",
		"windows defender alert; windows defender warning; defender alert; security alert on my screen; virus alert; virus warning; my computer started beeping; computer was beeping; beeping noise; the screen went red; screen turned red; could not close the page; could not close it; would not close",
		"do not turn off your computer; do not close this window; do not restart; call the toll free number; call technical support; call tech support at; call support at; error code on the screen",
		"red warning; a siren; siren noise; warning on the laptop; warning on my laptop; warning on my computer; warning came up on; ring the helpline; call the helpline; ring the number on the screen; was locked for illegal activity; locked for illegal activity",
		"access to this pc has been blocked; this pc has been blocked; your pc has been blocked; windows defender security warning; defender security warning; security warning on my screen; a message on the screen; message came up on my screen; making a loud noise; a loud alarm",
	}},
	{"ROBOCALL", []string{
		"stay on the line for an advisor; stay on the line for an agent; stay on the line for a representative; stay on the line and an agent; the robocall; a robocall; recorded message said; an automated call said; an automated message said; a recorded voice said",

		"call our office immediately; call back immediately; call us back immediately; the number we are giving you; the number we are providing",

		"this is an automated message; this is an automated call; this is a recorded message; this is a pre recorded message; press #num to speak; press #num now; press #num to be connected; press #num to talk; press #num to cancel; press #num to dispute; press #num to stop; press #num to reach",
		"this call is to inform you; we have been trying to reach you; we have been trying to contact you",
		"press #num; please press #num; kindly press #num; just press #num; simply press #num; i repeat press #num; press 1; press one; dial #num; push #num",
		"to be placed on the do not call list; to be removed from our list; to be removed from this list; be placed on our do not call list; put on our do not call list; do not call list; removed from our calling list",
		"call us back on the number you see; the number you see on your caller id; the number on your caller id; call back on this number; call us back on this number; call us back at this number; number to reach; the number to reach; number to reach our department",
		"or stay on the line; stay on the line to speak; stay on the line to be connected; you will be connected to; you will be automatically connected; will be connected to the concerned department; connect with the next available; speak with the next available; connect with an officer; speak with an officer; speak with officer; talk to an officer",
		"this is an artificial intelligent notification bot; notification bot; i am a robot; virtual assistant for; one final courtesy call; final courtesy call; this is your last chance; this is the final attempt",
	}},
	{"DIDNOTORDER", []string{
		"i do not have a membership; i never had a membership; do not have a membership with you; i do not have an account with you; never had an account with you",

		"order was not made by you; was not made by you; not made by you; not placed by you; was not placed by you",

		"if you did not buy; if you did not buy this; if you did not make this purchase; never agreed to; i never agreed to that; never agreed to that; never signed for; i never signed for that; never even heard of them; i never even heard of them; i had never used them; never used them; the charge you did not authorize; you did not authorize; you did not authorise; to cancel the purchase; to cancel this purchase; cancel the purchase",

		"the order you did not place; order you did not place; an order you did not make; a number if you want to cancel",

		"i never gave you a card; never bought that; i never signed up for; not showing in my account; can not see any order; placed on your account by someone; someone using your email; done by a scammer; by a scammer using your account; hacker has hidden the order; the hacker paid; hacker placed the order; was used to buy; was used to purchase; used for a purchase of",

		"if you did not make; if you did not authorize; if you did not place; if you did not order; if you did not recognize; if this was not you; if it was not you; to cancel this order; your account has been charged; you have been charged; your card has been charged; an order has been placed; has been placed on your account; order for an iphone; purchase of an iphone",
		"if you do not authorize; if you do not authorise; if you did not authorise; if you do not approve; if you did not approve; if you do not recognize; if you do not recognise; if you did not recognise; if you do not wish to authorize; if you not approve; if you did not do this; if you did not do that",
		"there is an order placed; an order placed for; order placed for; an order placed on your; pre authorized order; pre authorised order; order has been placed on your name; order has been placed in your name; being ordered from your; ordered from your amazon account; order of an iphone",
		"to authorize a payment of; to authorize a payment; payment confirmation call for your order; a recent login and purchase; login and purchase; if you want to stop and cancel this order; to stop and cancel this order; to cancel your order",
		"if you have not made; if you have not made any such; if you have not made this; not authorized by you; was not authorized by you; were not authorized by you; not authorised by you",
		"i never ordered; i did not order; i did not place; i never placed; i never bought; i did not buy; order i did not make; order i never made; something i did not order; an order i did not; purchase i did not make",
		"to cancel this transaction; to cancel the charge; to cancel this charge; to cancel the payment; to cancel this payment; to cancel the order; to dispute this charge; to dispute the charge",
	}},
	{"CALLVERB", []string{"call back; call us back; call me back; call back on; call back at; call us; call me; reach us; reach me; call this number; call the number; give us a call; give me a call; ring us; ring me; ring back; ring us back; call us on; call us at; call me on; call me at; reach me at; reach us at; contact us at; contact us on; call our; call our toll free number; call our number; our toll free number; our number is; my number is; my direct line is; my extension is"}},
	// --- other impersonation scams ----------------------------------------------
	{"TAXWORD", []string{
		"underpaying; underpay; owing",

		"you owe; owe; owed; outstanding; unpaid; overdue; back taxes; tax debt; tax arrears; tax fraud; tax evasion; underpaid; underpayment; discrepancy; irregularities; irregularity; audit; penalty; penalties; tax bill; fine",
	}},
	{"SSNTHREAT", []string{
		"suspended; suspend; suspending; compromised; blocked; frozen; cancelled; canceled; deactivated; used; linked; linked to; involved; flagged; misused; fraudulent; criminal; illegal; stolen; will be suspended; has been suspended",
	}},
	{"SSNWORD", []string{"social security number; social security; ssn; national insurance number; ni number; sin number; social insurance number; tax id number; your social; social security member; social security #num number; security number"}},
	{"DELIVERYWORD", []string{"parcel; package; delivery; shipment; consignment; your order; redelivery; packet; your item; item; courier"}},
	{"JOBOFFER", []string{
		"shortlisted; you have been shortlisted; the position; the job; the role; job offer; offer you the role; offer it to you; data entry; part time job; part-time job; work from home; recruitment; recruiter; your cv; received your cv; got your cv; no interview; without an interview; waived the interview; rating hotels; task; tasks; commission; the vacancy; your application",
	}},
	{"JOBPAY", []string{
		"purchase the training kit; buy the training kit; purchase the starter kit; buy the starter kit; pay for the starter kit; pay for the training; pay for the dbs check; pay for the induction; induction fee; uniform fee; registration fee; top up; to unlock; security deposit; you need to purchase; you need to pay; you have to pay; you must pay; take the payment; payment by bank transfer; payment link; equipment fee; visa fee; processing fee",
	}},
	{"DELIVERYFAIL", []string{
		"can not deliver; unable to deliver; i can not deliver; not paid; is not paid; has not been paid",

		"fee; charge; payment; customs; duty; duties; held; on hold; being held; could not be delivered; can not be delivered; could not be deliverd; can not be deliverd; was not deliverd; failed; failed delivery; unpaid; outstanding; insufficient postage; address incomplete",
		"incomplete address; wrong address; missed; returned to sender; will be returned; will be destroyed; postage; incomplete; stuck; redelivery; redeliver; rebook; shortfall",
		"tried to deliver; attempted to deliver; we missed you; missed delivery; could not deliver; failed to deliver; to pay for redelivery",
		"on hold at our depot; on hold at the depot; at our depot; missing house number; missing address",
	}},
	{"PAYWHAT", []string{"pay; fee; charge; card; link; click; card details; small fee; payment; #num"}},
	{"CLICKLINK", []string{
		"click the link; click on the link; click this link; click on this link; follow the link; tap the link; open the link; link we sent; link i sent; link i just sent; link we just sent",
		"link in the text; link in the message; link in the email; link in the sms; link we texted; link we emailed; click the button; press the link; use the link",
	}},
	{"WON", []string{
		"won shares; had won shares; have won shares; you have won shares",

		"you have won; you won; you are a winner; you are the winner; you have been selected to receive; you were selected to receive; you have been chosen to receive; selected to receive; lucky winner; lucky draw winner",
		"sweepstakes; sweepstake; lottery winner; lottery prize; won the lottery; jackpot; i have won; i had won; i won a; said i won; said i had won; cash prize; government grant; free grant; grant money; unclaimed money; unclaimed funds; unclaimed inheritance; you qualify for a grant; claim your prize; claim your winnings; your winnings",
		"free vacation; free holiday; free cruise; congratulations you; publishers clearing house; pch; mega millions; powerball",
		"one of ten winners; one of #num winners; has been selected for our; your line has won; your number has won; eligible for the grant; eligible for a grant; energy support grant; winter grant; support grant; free boiler; free insulation; you have been put forward for; confirmed winner; definitely the winner; selected as a winner; selected as the winner; chosen as a winner; one of our winners; our top winners; the winner of our; claim the prize; your prize package; prize package; process your prize; protect your prize; forfeit your prize; you will forfeit",
		"you ve won; you have been awarded; has been awarded; awarded a; awarded with; you are awarded; your awarded; won a guaranteed; guaranteed prize; prize guaranteed; bonus caller prize; await collection; awaiting collection; you are a lucky winner; you are our winner",
	}},
	{"CLAIMVERB", []string{"claim; collect; receive; redeem; release; get; transfer"}},
	{"PRIZE", []string{"prize; reward; winnings; gift; grant; award; funds; money; cash; check; cheque; bonus; vehicle; car"}},
	{"INVEST", []string{
		"loyalty payment once the transfer completes; a bonus once the transfer completes; cash bonus for transferring; bonus for transferring",

		"you can withdraw anytime; withdraw anytime; withdraw any time; show you the screenshot; works at the exchange; my uncle works at; i put #num and got back; got back #num",

		"#num % this month; #num % guaranteed; #num % a month; #num % fixed; it is guaranteed",

		"doubled their money; doubled my money; double their money; #num percent this month; #num percent guaranteed; #num percent fixed; fixed #num percent; limited allocation; huge gains; made huge gains; on the platform; your gains; my gains",

		"big profits; screenshots of profits; withdrawals stopped; withdrawal stopped",

		"big returns; turn small investments into; returns of #num percent; #num percent a year; #num percent a day; guaranteed #num percent; pays #num percent; high return; inside information; shares would triple; will triple; will be worth; outperformed the stock market; skyrocket; going to skyrocket; clients have made; our clients make; lock in the bonus; opportunity of a lifetime; bitcoin trading; trading signals; forex; investment fund; fund that pays; government backed; green energy bonds; invest in gold",

		"guaranteed return; guaranteed returns; guaranteed profit; guaranteed profits; guaranteed income; double your money; triple your money; risk free; no risk; zero risk; high returns; huge returns",
		"#num percent return; #num percent returns; #num percent profit; #num percent a month; #num percent a week; #num percent per month; #num percent per week; #num percent every month; passive income",
		"make money fast; get rich; financial freedom; investment opportunity; exclusive opportunity; once in a lifetime opportunity; trading platform; trading account; binary options",
		"crypto trading; bitcoin investment; crypto investment; mining pool; account manager; withdraw your profits; your profits; profit; trading bot; ai trading; investment platform; tried to withdraw; could not withdraw; can not withdraw; crypto exchange; trading site; my profits; pay tax before withdrawing; unlock my account",
		"about to double; will double; going to double; is going to double; set to double; guaranteed to rise",
		"triple in value; double in value; expected to triple; expected to double; pre ipo; pre ipo shares; share offer",
		"#num % return; #num % returns; return per month; returns per month; profit per month; per cent a month; percent a month; i made #num; withdraw my profits; take my profits out",
	}},
	{"INVESTPUSH", []string{
		"get your deposit moving; put the deposit in; make the deposit today; transfer done this week; offer ends at midnight; ends at midnight; spaces close; places close; moving my pension; move your pension; moving her pension; moving his pension; transfer your pension; pension transfer; move the money from your current provider; before you can withdraw; before i could withdraw; before withdrawing",

		"move my retirement savings; transferred #num from; from her isa; from his isa; from your isa; from my isa; from your pension; from my pension; buy in now; invest it in; invest your pension; invest my pension; get your pension early; get my pension early; pension early",

		"deposit today; a deposit today; pay a deposit; in your trading account; into your trading account; into the trading account; to start investing; to start trading; deposit to start; the minimum is; minimum is #num; transfer from your pension; move your retirement savings; invest more; the fund is almost full; almost full; nearly sold out; window closes; before the window closed; set you up today; hold your place",

		"limited spots; only a few spots; invest now; start with just; start with only; minimum deposit; initial deposit; deposit #num; invest #num; before the price goes up; everyone is making money; do not miss out; miss out",
		"a deposit of; deposit of #num; your commitment",
	}},
	{"FAMILYHI", []string{
		"my mate's phone; my mates phone; a mate's phone; on my mate's phone; mine is broken; this is my new phone; my new phone; the old one got smashed; old one got smashed; the old one is broken; old one broke",

		"it is me your; it is your grandson; it is your granddaughter; this is your grandson; this is your granddaughter; your favourite grandson; your favorite grandson",
		"new number; my new number; this is my new number; lost my phone; broke my phone; dropped my phone; phone is broken; my phone broke; phone is dead; using a friend's phone; borrowed phone",
		"my phone is broken; my phone is lost; can not talk right now; from my friends phone; on my friends phone; my friend's phone; fell in the toilet; fell in the bath; dropped it in the; do not ring the old number; do not call the old number; old number does not work",
		"a friends phone; on a friends phone; a friend's phone; mine is smashed; my phone is smashed; smashed my phone; had a new phone; got a new phone; new mobile; my new mobile; pretending to be me",
		"broken my phone; i have broken my phone; temporary number; my temporary number; this is my temporary number; a temporary number",
	}},
	{"FAMILYTROUBLE", []string{
		"put me in the cells; in the cells overnight; they will not put me in the cells",

		"your son will not come home; your daughter will not come home; your husband will not come home; your wife will not come home",

		"my bank has locked me out; my bank locked me out; bank has locked me out; banking app does not work; banking app is not working; banking app does not work on the new phone; locked out of my bank; i can not access my bank; i can not access my banking; the account name was not hers; the account name was not his; i might need a small favour; i need a small favour",

		"the bail is; bail is set at; pay the bail; paid the bail",

		"i am in trouble; i am in big trouble; i need bail; bail money; post bail; in jail; i am in jail; been arrested; i got arrested; stuck abroad; stranded; lost my wallet; need money urgently; need help urgently",
		"please do not tell mum; please do not tell dad; do not tell mum; do not tell dad; do not tell mom; do not tell my parents; do not tell anyone; i was in a car accident; i have been in a car accident; i was in an accident; i have been in an accident; i had an accident; i had a car accident; has been in an accident; has had an accident; i crashed; need to pay a bill today; my rent is due",
		"hospital bill; medical bill; pay the lawyer; need a lawyer; public defender",
		"needed money for; needs money for; urgent payment; my bank card has been blocked; my card has been blocked; card is blocked; stuck at the station; stuck at the airport; lost my purse",
		"been kidnapped; has been kidnapped; have been kidnapped; kidnapped; we have your daughter; we have your son; you will never see",
		"pay for his treatment; pay for her treatment; pay for the treatment; for his treatment; for her treatment; for his operation; for her operation; been taken to hospital; is in hospital; in intensive care",
	}},
	{"MONEYWHAT", []string{"money; #num; the money; some money; cash; funds; for me; it to me; to this account; this account"}},
	{"SENDVERB", []string{"send; transfer; lend; pay; wire; give; loan; send over; help me with"}},
	// --- threats and offers of real robocalls and callback scams ----------------------
	{"COURIER", []string{
		"Royal Mail=royal mail; royal mail delivery office; the post office", "Parcelforce=parcelforce; parcel force", "USPS=usps; us postal service; postal service; united states postal service; usps delivery center",
		"FedEx=fedex; fed ex; federal express", "UPS=ups", "DHL=dhl; dhl express", "DPD=dpd", "Evri=evri; hermes", "Yodel=yodel", "Canada Post=canada post", "Australia Post=australia post; auspost",
		"a courier=courier company; the courier; delivery company; delivery service; delivery office; delivery center; delivery centre; shipping company; express delivery",
	}},
	{"SCREENBLANK", []string{
		"leave your hands off the mouse; hands off the mouse; take your hands off the mouse; take your hands off the keyboard; keep your hands off the mouse",

		"do not touch your mouse; do not touch your keyboard; do not touch your mouse or keyboard; do not move the mouse; do not move your mouse",

		"screen will go|turn|be|become dark|black|blank; screen is going to go dark|black|blank; screen may go dark|black|blank; screen went dark|black|blank; screen goes dark|black|blank; screen will be blank for",

		"the screen is black; screen is black; your screen will go black; screen will go black; the screen will go blank; your screen will be blank; screen goes black; screen went black; do not look at the screen; don't look at the screen; do not touch the screen; do not touch the mouse; do not touch the keyboard; do not touch anything",
		"you will see black screen; you will see a black screen; you will see the black screen; putting the secure screen; put the secure screen; the secure screen; the screen will go black; screen will be black; screen will go dark",
	}},
	{"UTILITYORG", []string{
		"water board; electricity board; gas board; electric board; the water board; the electricity board",

		"disconnections team; disconnection order",

		"disconnection department; disconnect department; disconnection team; disconnections department; service disconnection department; shut off department; shutoff department",
		"your electric company; your electricity company; electric company; electricity company; your power company; power company; your utility company; utility company; your gas company; your water company; your energy provider; your electric utility; electric utility; energy company; the electric company",
		"electricity supplier; your electricity supplier; energy supplier; your energy supplier; gas supplier; your supplier; the power company",
	}},
	{"SUPPLY", []string{
		"your meter; the meter; my meter; your lights; the lights; my lights; your supply; the supply; the line; your phone service",

		"your power; your electricity; your electric; your electric service; your gas; your water; your heating; your service; your services; your internet; your internet service; your line; your phone line; your landline; your broadband; your connection; your wifi; your cable; your tv service; your account",
		"my power; my electricity; my electric; my gas; my water; my service; my internet; my line; my phone line; my broadband; my connection; the power; the electricity; the gas; the water; the internet; power; electricity; service; supply; my supply",
		"our power; our electricity; our gas; our water; our internet; our service; our supply; our heating",
	}},
	{"CUTOFF", []string{
		"capped; cap; switch off; turn off; taken away; stopped; closed down; close down; shut down; removed",

		"disconnected; disconnect; disconnecting; disconnection; disconnection of service; cut off; cut; cutting off; shut off; shutting off; switched off; turned off; terminated; terminate; termination; interrupted; interruption; interruption of service; automatic interruption of service; blocked; deactivated",
		"cutting us off; cut us off; cutting you off; cut you off; cut me off; cutting me off; cutting off your; cut off your",
	}},
	{"SOON", []string{
		"that day; that same day; the same day; same day; that afternoon; that evening; that morning; by #num pm; by end of day; by the end of the day; end of day; on its way; on the way; on their way; already on the way; already coming; in #num minutes time",

		"this afternoon; this evening; this morning; today; tonight; later today",

		"in #num minutes; within #num minutes; in the next #num minutes; in the next #num to #num minutes; in #num to #num minutes; within the next #num minutes; in #num hour; in #num hours; within #num hour; within #num hours; within the hour; within an hour; in an hour; in 1 hour; in the next hour; next #num minutes",
		"immediately; right now; right away; within minutes; in a few minutes; in the next few minutes; shortly",
	}},
	{"UNLESSPAY", []string{
		"unless you pay; unless i pay; unless i paid; unless we pay; unless you make a payment; unless a payment is made; unless i made a payment; unless the balance is paid; if you do not pay; if i did not pay; if you do not make a payment; if i did not make a payment; if payment is not made; if we do not receive payment",
		"due to non payment; due to nonpayment; due to a pending balance; due to pending balance; due to an unpaid balance; due to delinquent; due to delinquent account status; delinquent account status; for non payment; for nonpayment; because of an unpaid bill; because of non payment; you have an outstanding balance; you have a past due balance",
		"unless we paid; unless they paid; unless she paid; unless he paid",
	}},
	{"PAYNOW", []string{
		"clear the amount; clear the arrears; clear it; settle it; cover it; take payment; take the payment; make a full payment; making a full payment; full payment; settle the case; settle the debt; settle the fine; pay the fine; pay it; pay him; pay her; pay them; pay us",

		"pay; paid; pay the bill; pay the balance; pay the outstanding balance; pay the amount; make a payment; make the payment; settle; settle the balance; settle the bill; clear the balance; payment",
	}},
	{"PAYHOW", []string{
		"now; right now; immediately; right away; today; within #num minutes; within the hour; over the phone; on the phone; by card; with a card; with your card; with my card; with a debit card; with a credit card; by debit card; by credit card; by phone",
	}},
	{"CARDPAY", []string{
		"can i take a card now; take a card now rather than; take a card now",

		"have you got your card handy; do you have your card handy; got your card handy; have your card ready; get your card ready",

		"whats a good card; what is a good card; a good card to put it on; we can take that on a credit card; take that on a credit card; take that on a card; take that on your card; take that on a debit card",

		"what card would you like to use; what card would you like; which card would you like to use; which card would you like; what card will you be using; which card will you be using; the card you would like to use; what is the card you would like to use; card you want to use",
		"put it|that|this on a|your? card|credit_card|debit_card; take it|that|this off your card; take it off the card; take payment by card; take the payment by card; take a card payment; card number please; your card number please; the card number please; the long number on the front; the long number please",
		"we accept any debit card; we accept any card; accept any debit card; we take any debit card; i can take that over the phone; i can take it over the phone; i can take that now; i can take it now; i can take payment now; i can take the payment now",
	}},
	{"PAYCHAN", []string{
		"by card; with a card; with your card; on your card; on a card; by debit card; by credit card; with a debit card; with a credit card; with your debit card; with your credit card; on a credit card; on a debit card; over the phone; on the phone; on this call; by bank transfer; by transfer; bank transfer; by wire; by wire transfer; wire transfer",
	}},
	{"PAYODD", []string{
		"upi id; u p i i d; this upi id; on this upi; on this u p i i d",

		"electronic check; an electronic check; a electronic check; e check; an e check",

		"e-wallet; e wallet; ewallet; by e-wallet; with an e-wallet; by moneygram; by money gram; by western union; via western union; via moneygram; by cash app; with cash app; a cash app transfer; by zelle; via zelle; by venmo; with a prepaid card; by prepaid card; with prepaid cards; in cash to; by courier",
	}},
	{"NOWWORD", []string{
		"now; right now; today; immediately; straight away; right away; right there and then; there and then; then and there; on the spot; on this call; within the hour; in the next hour; by end of day; by the end of the day; end of day; before #num pm; this afternoon; tonight; this evening",
	}},
	{"CODEWARN", []string{
		"do not share; don't share; never share; do not share this code; do not give this code; never give this code; not to share; the text says; the message says; it will say; it says",
	}},
	{"DISMISS", []string{
		"because it is auto generated; it is auto generated; we are the one sending it; we are the ones sending it; the code is to cancel; to cancel the request not to approve it; the code is to cancel the request",

		"reversal token; it is the reversal token; the zelle reversal token; not a login code; it is not a login code; that is the one we need",

		"it will show like that only; it will show like that; it is not payment; it is not a payment; that is the refund code; that is just the refund code",

		"that is the standard message; that is just the standard message; it is just the standard message; it is a standard message; just a standard message; that is automatic; it is automatic; it is an automatic message; just how it is worded; that is just the wording; it is coming from my side; from my side",
		"ignore that; ignore that bit; ignore that part; ignore it; ignore the warning; ignore that message; that is only for; only for when strangers; only for strangers; it is fine because; it was fine because; it is fine since; so it is fine; it is ok because; i am your bank so; since i am from the bank; because i am the bank; because they were the bank; because we are the bank; because i am from the bank",
	}},
	{"SOFTWARE", []string{
		"a|an|the|our|this|some|that small|little|support|free|remote|security? small|little|support|free|remote|security? app|program|programme|software|tool|application|file",
	}},
	{"EVERYONE", []string{
		"everyone; everybody; every customer; all customers; all our customers; all of our customers; everyone who paid; everybody who paid; everyone who bought; everybody who bought; all the customers",
	}},
	{"MUSTPAY", []string{
		"you must settle; you have to settle; you must clear; you have to clear; you need to clear; he demanded; she demanded; they demanded; demanded",

		"you need to pay; you have to pay; you must pay; i had to pay; i needed to pay; i must pay; we need you to pay; you need to make a payment; you have to make a payment; you must make a payment; you need to settle; he wanted me to pay; she wanted me to pay; they wanted me to pay; told me to pay; asked me to pay; said i had to pay; said i needed to pay; said i must pay; demanded payment; demanded that i pay; wanted payment; wanted me to make a payment",
	}},
	{"PAYSTRONG", []string{
		"paying over the phone now; by paying over the phone; take a card payment; take a card payment now; pay by card right then; pay by card right now; pay into this account; pay into this account number; send proof by; send the proof; send a screenshot of the payment",

		"unless i paid by card now; unless i paid by card; unless i pay by card; unless you pay by card; unless you pay now; unless i paid now; unless you pay by card now; immediate payment; payment is required immediately; payment is due immediately; pay immediately; pay it immediately; pay right away; pay it right away; pay the balance now; pay the balance immediately; pay the full amount now; unless i paid; unless i pay; unless you pay; unless we pay; unless you make a payment; unless i made a payment",
		"i can take the card now; i can take the payment now; i can take payment now; take the payment over the phone; take payment over the phone; i can take the payment over the phone",
	}},
	{"DEADLINE", []string{
		"closes friday; closes on friday; the offer closes; offer on the fund closes; the fund closes",

		"it will expire if you do not; will expire if you do not; expire if you do not; if you do not clear it today; if you do not resolve it today; if you do not submit it today; if you do not submit the form today; every minute we wait; every minute counts; every second counts",

		"you have #num minutes to; you only have #num minutes",
		"if you pay today; penalty interest; avoids a late fee; avoid a late fee; miss settlement; miss completion",

		"rate changes tomorrow; price goes up tomorrow; offer ends tomorrow; lock in that rate; lock in the rate; can not send you anything in writing; nothing in writing; form expires in; before #num pm today",

		"final notice; final attempt; last attempt to reach you; this is your final notice; final warning; last warning; last chance; this is your last chance; final courtesy call; before we close out your file; expires today; before it is too late",
		"for the last time; inform you for the last time; this is the last; last notice; is about to expire; about to expire; will expire soon; expires soon; expiring soon",
		"the moment you receive this; as soon as you receive this; the very second you receive this; the second you receive this; leave your work aside; leave whatever you are doing; ignoring this message; ignoring this call; do not ignore this; do not ignore this message; by the end of today; limited time offer; respond immediately; act immediately",
		"spots are limited; limited spots; only a few spots; only a few places left; offer ends today; before the price goes up; do not miss out",
		"final chance; your final chance; last opportunity; your last opportunity",
		"only a few allocations left; a few allocations left; allocations left; few places left",
	}},
	{"PARCEL", []string{"package; parcel; shipment; consignment; box; a package; a parcel; your package; your parcel; suitcase; courier package; express package; express parcel"}},
	{"SEIZED", []string{"seized; ceased; seize; intercepted; confiscated; been seized; been ceased; been confiscated; been intercepted; caught at customs; found at customs"}},
	{"CONTRABAND", []string{
		"mdma; ecstasy; passports; meth; illegal goods",
		"drugs; drug; contraband; contraband of drugs; illegal items; illegal substances; narcotics; cocaine; heroin; fake passports; fake passport; counterfeit; money laundering; cash and drugs; drugs and cash; weapons"}},
	{"IDWHOSE", []string{
		"your address; your name and your address; your details; your identity card; your aadhaar; aadhaar card; your passport details",

		"your identity; your identities; your name; your social security number; your social; your ssn; your national insurance number; your id; your passport",
		"under your name; in your name; on your name; related to your name; registered to your name; registered in your name; linked to your name; my identity; my name; my social security number; my national insurance number",
		"your national id; your national identity; national id; your id card",
	}},
	{"MISUSE", []string{
		"misused; being misused; has been misused; been used for; used for illegal; used for fraudulent; used for some kind of fraudulent; used in illegal; used for illegal activities; used for criminal; used to commit; used in a crime; involved in; linked to; associated with; connected to",
		"come up in an investigation; came up in an investigation; have come up in an investigation; under investigation; part of an investigation; being investigated",
		"fraudulent activities; fraudulent activity; illegal activities; illegal activity; criminal activities; criminal activity; suspicious activities; suspicious activity; suspicious fraudulent activities; money laundering; drug trafficking; a crime; crimes; identity theft; stolen identity; identity has been stolen; has been stolen; compromised; been compromised",
	}},
	{"ORDERCLAIM", []string{
		"an order; order; the order; this order; your order; a purchase; purchase; your purchase; this purchase; a payment; this payment; this transaction; a transaction; a charge; the charge; a recent login and purchase; an iphone; iphone; macbook; mac book; laptop; xbox; playstation; gift card order",
	}},
	{"ACCOUNTBREACH", []string{
		"tried to sign in to your apple id; someone tried to sign in to your; someone tried to sign in; tried to sign into your",

		"trying to log in to your account; trying to log into your account; trying to log in to my account; trying to log into my account; trying to access your account; trying to get into your account; someone is trying to log in; someone was trying to log in",

		"the compromised account; compromised account; your compromised account; locks down the account; lock down your account; locks down the compromised account",

		"criminals are still active on your account; still active on your account; trying to take out more money; are trying to take money; someone is taking money from your account; money is being taken from your account",

		"unauthorized login; unauthorised login; unauthorized login attempt; unauthorised login attempt; unauthorized login attempts; login attempt; suspicious login; suspicious sign in; security has been breached; has been breached; been breached; account has been breached; account has been hacked; account was hacked; account has been compromised; account is compromised",
		"someone logged into your account; someone has logged into your account; someone is trying to access your account; someone tried to log into your account; someone accessed your account; your icloud has been hacked; your icloud account has been breached; your apple id has been locked; your apple id is locked; your amazon account has been locked; we have blocked all access to your account; blocked all access",
		"your account was signed into; account was signed into from; been signed into from; signed in from russia; signed into from russia; logged in from russia; logged into from; someone signed in to your account; a sign in from; sign in attempt from",
		"please do not access your account; do not access your account; do not access your account on your device; do not use your account until; do not use cash app; before using any financial accounts; do not access any financial information; do not access your any financial; until your account will not get fixed; until your account is fixed; until your account gets fixed",
		"has been accessed from; been accessed from; was accessed from; signed in from another country; sign in from another country; login attempt from; log in attempt from; logged in from another country",
	}},
	{"WARRANTY", []string{
		"on your vehicle; your vehicle; the vehicle",
		"warranty; warranties; extended warranty; vehicle warranty; car warranty; auto warranty; manufacturer's warranty; manufacturers warranty; factory warranty; vehicle service contract; vehicle's warranty; car's warranty; your coverage; coverage; protection plan"}},
	{"WARRANTYEND", []string{
		"keep the coverage active; keep your coverage; coverage active; keep your coverage active",
		"expire; expires; expiring; expired; about to expire; will expire; would expire; has expired; is expiring; void; voided; become void; be voided; cutoff; factory cutoff; cut off; close out your file; reinstate; reinstating; extend; extending; lapse; lapsed; run out"}},
	{"ELIGIBLE", []string{
		"you are owed; you are due; due a back payment; owed a back payment",

		"you qualify for; you now qualify for; you have qualified for; you are qualified for; you have been qualified for; been qualified for; qualified for; qualify for; you may qualify; you are eligible for; you are now eligible; you are eligible to; eligible for; eligible to receive; now eligible",
		"you have been selected; you have been chosen; you have been pre approved; pre approved; preapproved; preselected; pre selected; you have been approved for; has been selected to receive; is qualified for; has been qualified for; account is qualified; account has been qualified; you will be receiving; you are entitled to; entitled to",
		"drawn to receive; is drawn to receive; was qualified by; been qualified by; was qualified; qualified to; you have been qualified to; eligible to; your eligibility for; eligibility for; you are able to take advantage of; able to take advantage of; now able to take advantage of; you can take advantage of",
	}},
	{"BOON", []string{
		"100 percent covered; a hundred percent covered; fully covered by medicare; covered by medicare part b",

		"settle all old tax debts; will settle all old tax debts; settle your tax debts; settle your old tax debts; tax debt settlement; tax debts are non collectible; not going to need to pay back your past due taxes",

		"#num % on your credit card; #num percent on your credit card; straight below #num; below #num on your credit card; below #num % on your credit card; below #num percent",

		"cash benefits; flex card; a flex card; flex card for groceries; grocery allowance; grocery card; giveback benefit; give back benefit; zero premium",

		"back payment; cost of living payment; winter fuel payment; winter fuel allowance; allowance",

		"grant; government grant; free grant; stimulus; stimulus check; relief payment; covid relief; covid 19 relief; relief program; debt relief; debt relief program; debt elimination; debt forgiveness; loan forgiveness; student loan forgiveness; forgiveness program; loan discharge; tax relief; back tax relief",
		"rebate; energy rebate; electric rebate; rebate check; refund; tax refund; reward; reward card; cash reward; #num reward; free; for free; complimentary; complimentary stay; free upgrade; free vacation; discount; discounts; #num percent off; #num percent discount; #num off; half price; percent off; #num % off; #num %; #num % discount; #num % discounts",
		"drop down your interest rate; drop your interest rate; lower your rate; rate reduction; reduction; repayment options; hardship programs; hardship program; forgiveness; all inclusive complimentary stay; a complimentary stay; free stay",
		"0 percent interest; 0 interest; lower interest rate; interest rate reduction; lower your interest; reduce your interest; final expense; burial; new medicare card; medicare benefits; extra benefits; additional benefits; benefits; benefit; health insurance plan; cash back; money back; compensation",
		"reward for being a loyal customer; for being a loyal customer; loyalty reward; loyal customer reward; loyalty bonus; due a rebate; due a council tax rebate; council tax rebate",
		"interest rates can be lowered; interest rate can be lowered; lowered to zero percent; zero percent interest; reduce your interest rate",
	}},
	{"DONATE", []string{"donate; donation; donations; make a donation; give a donation; a donation; contribute; contribution; a contribution; make a contribution; pledge; a pledge; sponsor; support our; help the children; help the veterans; help our troops; help the victims; appeal; support our appeal; put you down for; can i put you down; a gift of"}},
	{"CHARITY", []string{"charity; charities; foundation; fund for; veterans; police officers association; firefighters; fire fighters; children's hospital; disaster relief; relief fund; hurricane victims; cancer society; breast cancer; wounded warriors; the troops; non profit; nonprofit; association; benevolent; benevolent association; benevolent fund; appeal; burns unit; hospice; orphanage; animal rescue; raising money for; raising money; collecting for; collecting money for; collecting donations"}},
	{"DEBTCOLLECT", []string{"debt collector; debt collection; collection agency; collections department; collections agency; in collections; sent to collections; your debt; outstanding debt; unpaid debt; past due; past due balance; delinquent account; delinquent; payday loan; defaulted loan; you owe; owed"}},
	{"ROMANCE", []string{
		"release my salary; my salary; i will pay you back the day i arrive; the day i arrive; when i arrive; i will be home next month; i can not wait to be with you",

		"my love; my darling; i love you; my dear; my sweetheart; sweetheart; my honey; my queen; my king; my babe; my baby; we met online; we met on; dating site; dating app; on facebook; on instagram; i want to meet you; i want to come and see you; come and see you; visit you; to be with you",
		"plane ticket; flight ticket; ticket to come; my visa; travel papers; stuck at the airport; stuck in customs; on the oil rig; oil rig; i am a soldier; deployed; peacekeeping; my inheritance; the gold; my package with",
	}},
	{"RENTAL", []string{
		"mail you the keys; i will mail you the keys; post you the keys",

		"keys sent by; get the keys sent; i am actually in spain; i am in spain at the moment; i am overseas at the moment; the tenant is still there; lodge it with tenancy services myself; i will lodge it myself; bond paid into my account; the bond paid into my account",

		"can not do viewings; can not do a viewing; no viewings; can not show you the flat; can not show you the apartment; can not show the property; viewing is not possible; missionary overseas; i am a missionary",

		"before viewing; without viewing; before you view; before you see the flat; before you see the house; before you see the property; post the keys; send the keys; mail the keys; i will post you the keys",
		"the landlord is abroad; i am abroad; he was abroad; she was abroad; i am out of the country; i work overseas; i live abroad",
	}},
	{"JOBOFFER", []string{
		"you have been shortlisted; shortlisted for; you have been hired; you got the job; selected for the job; offer you the job; job offer; work from home job; remote job; data entry job; mystery shopper; pays #num an hour; paying #num an hour",
	}},
	{"JOBFEE", []string{"buy; pay; fee; training; training software; equipment; starter kit; registration; uniform; background check; visa fee; processing"}},
	{"TOCLAIM", []string{"to claim; claim; to collect; to redeem; to receive it; to re activate; to reactivate; to unlock; to activate; to verify; to release it; to get it"}},
	{"CONTACTVIA", []string{"call; ring; dial; phone; text; txt; reply; send; call now; call free; call us; visit; log on to; log onto; click"}},
	// --- what genuine organisations say ---------------------------------------------
	{"NEVERASK", []string{
		"we will never ask; we never ask; we would never ask; we will not ask; we do not ask; i will not ask; i will not ask for; i would never ask; i will never ask; i do not need your; never ask you; will never ask; would never ask; never ask for your; never request; will never request",
		"we will never call; we would never call; never call you; we never call; we will never contact; never contact you; no 1 from; nobody from; no legitimate; we do not need your",
		"never need your; never share; do not share; should never share; never give; never give out; do not give; do not give out; never tell anyone; do not tell anyone your; never disclose; do not disclose",
		"will never ask you; we will never send; we would never send; never asks you; never asks for your; does not ask; do not ever; would never call; will never call; would never phone; will never phone; never phones; never calls; would never contact; will never contact; would never tell you; will never tell you",
		"we will not take payment; we won't take payment; will not take payment over the phone; we do not take payment over the phone; we never take payment over the phone",
	}},
	{"NEVERWHAT", []string{
		"password; passwords; pin; pin number; passcode; security code; one time passcode; one time password; code; codes; card details; bank details; full card number; personal details; details",
		"remote access; access to your computer; install; download; software; move money; transfer money; move your money; safe account; gift card; gift cards; bitcoin; crypto; payment; pay; money; account number; login",
	}},
	{"CALLOFFICIAL", []string{
		"the number on the back of your card; number on the back of your card; on the back of your card; number on our website; our official number; our official website; official number; official website",
		"number on your statement; number on your bill; number on your letter; number on your invoice; number you trust; a number you know; number you know; 159; the number you have; our main number",
		"number listed on; number on the app; number in the app; number on your card",
	}},
	{"CALLBACKVERB", []string{"call; ring; phone; contact; call back; call us back; check; verify; hang up and call; hang up and ring; dial; call us; call us directly"}},
	{"INBOUND", []string{
		"i had rung them about; i had called them about; i made the claim myself; i did make the claim myself; quoted my ticket number; my ticket number; the ticket number; you spoke to us this morning; you spoke to us earlier; you spoke to us yesterday; you spoke to us today; i want to upgrade; i would like to upgrade",

		"i logged ticket; i logged a ticket; logged ticket; i raised a ticket; i opened a ticket; the ticket you logged; ticket you logged; the ticket you opened; the case you opened; the request you raised; you raised a request; you raised a ticket; you opened a ticket; the fault you reported; you reported yesterday; you reported your; you reported a; you reported the; you reported it; you told us about; you let us know about",
		"got your ticket; about your ticket; on your ticket; picking up your ticket; logged against your ticket; you booked this; you booked a; you emailed support; your booking",

		"thank you for calling; thanks for calling; thank you for contacting; how can i help you today; how may i help you; how can i help you; you are through to; you have reached",
		"what can i do for you; what can i help you with; how can i assist you; how may i assist you; you are speaking to; calling us today; for calling us",
		"is there anything else i can help you with; anything else i can help with; anything else i can do for you; thank you for holding; thanks for holding; thank you for your patience; let me pull up your account; i can see your account; i have your account here; returning your call; you called us; you asked us to call; you called about; you called earlier; you rang about; you rang us; covered in what you have paid; bring the old one in; bring it into the shop; bring it in to the shop; on the shop number; returning your chat; your chat request; returning your message; that i booked; i had booked; i booked; you phoned earlier; you phoned about; you phoned us; you rang earlier; saw your email; your email saying; you emailed us; you asked for a password reset; you asked us to look; you dropped off; you brought in; i called your shop; i rang your shop; got your job here; you contacted us; the ticket you raised; you logged a ticket; you logged a call; your ticket number; your case number",
	}},
	{"NOACTION", []string{

		"you do not need to do anything; there is nothing you need to do; nothing you need to do; no action needed; no action is needed; no action required; no action is required; no payment needed",
		"no payment is needed; no payment required; no payment is required; you do not have to pay; there is no fee; there is no charge; at no cost; free of charge; you can ignore; take your time; no rush; there is no rush",
		"we pay the fee; the trust pays the fee; the company pays the fee; the employer pays; we cover the cost; we cover the fee; at no cost to you; no cost to you; the tickets you bought; the ticket you bought; in the raffle; just come and collect it; come and collect it; nothing to install; no card numbers; no gift cards; no signature is required; no signature required; to leave it in a safe place; choose another day; choose a different day; rearrange your delivery",
		"in your own time; at your convenience; whenever is convenient; you can think about it; talk it over; speak to your family; check with your family; feel free to call us back; you can call us back; nothing to pay; there is nothing to pay; you entered our; you entered the; that you entered; you took part in",
		"press 1 if you made this payment; press 1 if you made this transaction; press 1 if you made this purchase; press 1 if you recognise; press 1 if you recognize; if you made this payment press 1; if you recognise this payment; if you recognize this payment; press 1 to confirm the payment; press 1 to confirm this payment",
		"press 1 for yes; press 1 for yes press 2 for no; did you attempt a purchase; did you attempt a transaction; if this was you press 1; if this was you please press 1",
	}},
	{"WRONGNUM", []string{
		"wrong number; wrong phone number; wrong telephone number; dialed the wrong; dialled the wrong; dialed wrong; dialled wrong; misdialed; misdialled; mis dialed; mis dialled; called the wrong number; rang the wrong number",
	}},
	{"BRANCH", []string{
		"prescription is ready; ready for pickup; ready for collection; just bring id; bring id; at the tills; at the till; at reception; collect it in store; collect in store; pick it up in store",

		"visit your local branch; visit a branch; visit the branch; visit any branch; come into the branch; come into a branch; come into your branch; pop into; in branch; at the branch; in person at",
		"at the pharmacy; at the counter; at the front desk; come in person; bring it in; bring your id; bring photo id",
	}},
	// --- negation and speakers ---------------------------------------------------------
	{"NEG", []string{"not; never; no; without; nobody; none; neither; nor; refuse; refused; refuse to; decline; declined; nothing; no 1; rather than; instead of"}},
	{"NEGX", []string{
		"no sir; no ma'am; no madam; no mam; oh no; no dear; no no no",

		"why do not you; why do you not; do not you; will not you; can not you; could not you; would not you; if you do not; if you will not; if you can not; if you refuse; do not worry; not only; no problem",
		"not safe sir; not safe madam; not safe ma'am; not secure sir; not secure madam; not protected sir; not protected madam; not safe anymore; not safe any more; not secure anymore",
		"no worries; not sure; no no; or not; whether or not; if not; not yet; do not be afraid; do not panic; no need to worry; never mind; not to worry; no matter",
	}},
	{"PERSONCUE", []string{
		"who is this; who is calling; who are you; how did you get my number; how do you have my number; is this a scam; this is a scam; sounds like a scam; are you a scammer; you are a scammer",
		"i do not have; what is this about; what do you want; i am not comfortable; i will call back; i am going to hang up; i will hang up; i do not trust; i do not believe you; how do i know",
		"why do you need; i am not sure about this; i do not understand; what do i do",
	}},
}

// Scam-type shorthands for the catalogue.
var (
	tTech   = []hangup.ScamType{hangup.ScamTechSupport}
	tRefund = []hangup.ScamType{hangup.ScamRefund}
	tBank   = []hangup.ScamType{hangup.ScamBankImpersonate}
	tGov    = []hangup.ScamType{hangup.ScamGovernment}
	tDeliv  = []hangup.ScamType{hangup.ScamDelivery}
	tPrize  = []hangup.ScamType{hangup.ScamPrize}
	tInvest = []hangup.ScamType{hangup.ScamInvestment}
	tFamily = []hangup.ScamType{hangup.ScamFamily}
)

// Never is the code of a genuine organisation's "we will never ask you to…"
// statement; a request negated by "never" becomes this code (Rule.OnNeg).
const Never = "genuine_never_asks"

// Rules is the indicator catalogue.
var Rules = []Rule{
	// S0 lure
	{Code: "popup_lure", Element: Lure, Stage: hangup.StageLure, Weight: 0.65, Types: tTech, Side: SideAny, Pattern: "POPUP",
		Explain: "A pop-up or locked screen with a number to call is how tech-support scams start. Microsoft's real error messages never contain a phone number."},
	{Code: "order_robocall", Element: Lure, Alone: true, Stage: hangup.StageLure, Weight: 0.8, Types: tRefund, Side: SideCaller, NoNeg: true,
		Pattern: "[your order|an order|order of|purchase of|charge of|order for] ~14 [if you did not authorise|if you did not authorize|if you did not make|if you did not place|if you do not authorize|if you do not authorise|if you did not order] ~8 [press #num|press one]",
		Explain: "An automated call said an order or charge was made and to press 1 if it was not you. Shops do not phone about orders: check your account in the shop's own app or website."},
	{Code: "robocall_lure", Element: Lure, Stage: hangup.StageLure, Weight: 0.5, Side: SideCaller, Pattern: "ROBOCALL",
		Explain: "An automated call pushing you to press a key to reach someone is how scam robocalls find people to work on."},
	{Code: "unexpected_charge_lure", Element: Hook, Stage: hangup.StageLure, Weight: 0.6, Types: tRefund, Side: SideCaller, Pattern: "DIDNOTORDER",
		Explain: "A call about a charge or order you did not make, offering to cancel it, is how refund scams start."},
	{Code: "subscription_renewal_lure", Element: Lure, Stage: hangup.StageLure, Weight: 0.45, Types: tRefund, Side: SideAny, Pattern: "SUBSCRIPTION ~6 CANCELLED",
		Explain: "A call about a subscription being renewed, charged or cancelled is the usual opening of a refund scam."},
	{Code: "claim_by_contact", Element: Lure, Stage: hangup.StageLure, Weight: 0.5, Side: SideCaller, Pattern: "TOCLAIM ~4 CONTACTVIA ~6 PHONE|DOMAIN || CONTACTVIA ~2 PHONE ~8 TOCLAIM",
		Explain: "You were told to call, text or visit somewhere to claim, unlock or reactivate something. Scam calls and messages send you to their own number or site: use the one on your card, bill or the official website."},
	{Code: "callback_number_given", Element: Lure, Stage: hangup.StageLure, Weight: 0.3, Side: SideCaller, Pattern: "CALLVERB ~8 PHONE || [call|dial|ring] ~1 PHONE",
		Explain: "The caller gave a number to call back. Only call a number you found yourself: on your card, a bill or the official website."},
	// S1 authority
	{Code: "claims_tech_company", Element: Pretext, Stage: hangup.StageAuthority, Weight: 0.6, Types: tTech, Side: SideCaller, Pattern: "TECHBRAND|TECHDEPT ~1 ORGSPOKE || CLAIMFROM ~5 TECHBRAND|TECHDEPT || TECHBRAND|TECHDEPT ~1 [here|speaking|calling] || TECHBRAND|TECHDEPT ~12 [that is us|yes that is us|you called us|you have called us|you have reached us] || [connect with|connect to|speak to|speak with|talk to|talk with|contact|get connected with] ~3 TECHBRAND|TECHDEPT",
		Explain: "The caller claimed to be from {x}. Microsoft, Apple and other tech companies do not phone people about their computers."},
	{Code: "claims_service_company", Element: Pretext, Stage: hangup.StageAuthority, Weight: 0.4, Types: tRefund, Side: SideCaller, Pattern: "SERVICEBRAND ~1 ORGSPOKE || CLAIMFROM ~5 SERVICEBRAND",
		Explain: "The caller claimed to be from {x}. Calls about orders, charges or subscriptions you did not expect are how refund scams start: check in the app or on the website yourself."},
	{Code: "claims_refund_department", Element: Pretext, Stage: hangup.StageAuthority, Weight: 0.5, Types: tRefund, Side: SideCaller, Pattern: "[refund department|refunds department|refund team|refund desk|billing department|cancellation department|refund section]",
		Explain: "The caller said they were from a 'refund' or 'billing' department. Refund scams start with money you are supposedly owed."},
	{Code: "microsoft_cold_call", Element: Pretext, Alone: true, Stage: hangup.StageAuthority, Weight: 0.8, Types: tTech, Side: SideCaller,
		Pattern: "[microsoft|windows|windows department|microsoft windows|windows technical|windows support|microsoft support|windows security|microsoft security|windows technical department|microsoft technical department] ~4 [calling regarding|calling about|calling you about|calling you regarding|calling in regards to|calling you in regards to|is calling about] ~3 [your computer|your windows|your pc|your laptop|your device|your system|your computer system|your windows computer]",
		Explain: "The caller said Microsoft or 'Windows' was calling about your computer. Microsoft never makes unsolicited calls about your computer: this is the tech-support scam."},
	{Code: "claims_isp", Element: Pretext, Stage: hangup.StageAuthority, Weight: 0.4, Types: tTech, Side: SideCaller, Pattern: "ISP ~1 ORGSPOKE || CLAIMFROM ~5 ISP || ISP ~1 [here|speaking|calling]",
		Explain: "The caller claimed to be from your internet or phone provider. Scammers often pose as the provider to sound official."},
	{Code: "isp_report_claim", Element: Hook, Stage: hangup.StageAuthority, Weight: 0.85, Types: tTech, Side: SideCaller, Pattern: "REPORTWORD ~5 ISP || ISP ~6 REPORTVERB",
		Explain: "The caller said your internet provider reported a problem with your computer. Internet providers do not pass such reports to people who phone you."},
	{Code: "device_problem_claim", Element: Hook, Stage: hangup.StageAuthority, Weight: 0.6, Types: tTech, Side: SideCaller, Pattern: "MYDEVICE ~6 INFECTED || INFECTED ~6 MYDEVICE",
		Explain: "The caller said your computer or connection has a virus or is sending errors. Nobody can see that from outside: this is the classic tech-support scam claim."},
	{Code: "server_report_claim", Element: Pretext, Stage: hangup.StageAuthority, Weight: 0.6, Types: tTech, Side: SideCaller,
		Pattern: "[to our server|to our servers|on our server|on our servers|our server has|our servers have|our server is showing|our servers are showing]",
		Explain: "The caller said your computer reports to their server. Your computer does not send its errors to anyone who phones you: this is a tech-support scam's claim."},
	{Code: "damage_grows_pressure", Element: Pressure, Stage: hangup.StageUrgency, Weight: 0.5, Types: tTech, Side: SideCaller,
		Pattern: "[the longer you wait|the longer we wait|the longer you leave it|every minute you wait|every minute we wait|if you wait any longer] ~8 [more damage|the worse|worse it gets|it will spread|the more it spreads|more files|more of your data|too late] || [the virus|the malware|the infection|this virus|this malware|this infection|the hackers|the hacker] ~3 [is spreading|spreading rapidly|spreading fast|will spread|could spread|can spread|keeps spreading|is getting worse|will get worse]",
		Explain: "The caller said the damage grows with every minute you wait. Nobody can see a virus on your computer from outside: this pressure is there to stop you checking."},
	{Code: "partner_authority_claim", Element: Pretext, Stage: hangup.StageAuthority, Weight: 0.6, Types: tTech, Side: SideCaller,
		Pattern: "[authorized by|authorised by|certified by|partnered with|in partnership with|partnership with|a partner of|an official partner of|contracted by|appointed by] ~2 [microsoft|windows|apple|google|your internet service provider|your internet provider|your isp|your broadband provider|your phone company] || [your number was provided|your number was given|we got your number|we received your number|your details were passed|your details were given|your number was passed] ~4 [by your internet|by your isp|by your broadband|by microsoft|by windows|by apple|from your internet|from your isp|from microsoft|from your broadband]",
		Explain: "The caller said Microsoft, Apple or your internet provider authorised them or passed them your number. These companies do not hand your number to anyone to phone you about your computer."},
	{Code: "detected_problem_claim", Element: Hook, Stage: hangup.StageAuthority, Weight: 0.6, Types: tTech, Side: SideCaller, Pattern: "DETECT ~8 INFECTED|MYDEVICE",
		Explain: "The caller claimed to have detected a problem on your computer or account. Genuine companies cannot see viruses on your computer."},
	{Code: "hackers_inside_claim", Element: Hook, Stage: hangup.StageAuthority, Weight: 0.7, Types: tTech, Side: SideCaller, Pattern: "HACKERS ~5 INSIDE || [created by|made by|installed by|put there by|put by|done by|caused by|sent by] ~1 HACKERS",
		Explain: "The caller said hackers are in your computer or accounts right now: a scare tactic to make you act without thinking."},
	{Code: "claims_bank_fraud_team", Element: Pretext, Stage: hangup.StageAuthority, Weight: 0.35, Types: tBank, Side: SideCaller, Pattern: "BANKORG|FRAUDDEPT ~1 ORGSPOKE || CLAIMFROM ~5 FRAUDDEPT || BANKORG ~3 FRAUDDEPT || CLAIMFROM ~4 BANKORG || FRAUDDEPT ~1 [here|speaking|calling]",
		Explain: "The caller claimed to be from a bank or its fraud team. If in doubt, hang up and call the number on the back of your card (in the UK, dial 159)."},
	{Code: "claims_government", Element: Pretext, Stage: hangup.StageAuthority, Weight: 0.5, Types: tGov, Side: SideCaller, Pattern: "GOVORG ~1 ORGSPOKE || CLAIMFROM ~5 GOVORG || CLAIMFROM ~3 OFFICER || GOVORG ~1 [here|speaking|calling] || GOVORG ~4 [has issued|have issued|issued|has filed|have filed|will issue|is issuing|has registered] || [my badge|badge number|badge id] || [speak with|speak to|talk to|talk with|connect with|connect to|discuss with] ~3 OFFICER",
		Explain: "The caller claimed to be from {x}. Tax offices, social security and the police do not phone to demand payment or personal details."},
	{Code: "claims_courier", Element: Pretext, Stage: hangup.StageAuthority, Weight: 0.35, Types: tDeliv, Side: SideCaller, Pattern: "COURIER ~1 ORGSPOKE || CLAIMFROM ~4 COURIER",
		Explain: "The caller said they were from a courier or the post. Couriers do not phone to take payment: check the tracking on the courier's own website."},
	{Code: "claims_utility", Element: Pretext, Stage: hangup.StageAuthority, Weight: 0.5, Side: SideCaller, Pattern: "UTILITYORG",
		Explain: "The caller said they were from your electricity, gas or water company, or its 'disconnection department'. Utilities write to you long before any disconnection; they do not phone to demand payment."},
	{Code: "claims_lawyer", Element: Pretext, Stage: hangup.StageAuthority, Weight: 0.4, Types: tGov, Side: SideCaller, Pattern: "CLAIMFROM ~5 LAWYER || [i represent a client|representing a client|a client who is suing you]",
		Explain: "The caller said they were a lawyer or from a law firm pursuing you. Real lawsuits arrive as papers served on you, not as a phone call asking for money."},
	{Code: "claims_charity", Element: Pretext, Stage: hangup.StageAuthority, Weight: 0.4, Side: SideCaller, Pattern: "CHARITY ~1 ORGSPOKE || CLAIMFROM ~5 CHARITY",
		Explain: "The caller said they were collecting for a charity. Give through the charity's own website or a number you look up, not to someone who called you."},
	{Code: "claims_debt_collector", Element: Pretext, Stage: hangup.StageAuthority, Weight: 0.4, Side: SideCaller, Pattern: "DEBTCOLLECT ~1 ORGSPOKE || CLAIMFROM ~5 DEBTCOLLECT",
		Explain: "The caller said they were collecting a debt. Ask for it in writing and check it with the lender yourself; never pay a collector who calls you out of the blue."},
	{Code: "romance_pretext", Element: Pretext, Stage: hangup.StageAuthority, Weight: 0.5, Types: tInvest, Side: SideCaller, Pattern: "ROMANCE",
		Explain: "The caller or message talked of love or a relationship started online. Romance scammers build trust for weeks, then ask for money."},
	{Code: "code_warning_dismissed", Element: Request, Alone: true, Stage: hangup.StageBankAccess, Weight: 0.9, Types: tBank, Side: SideCaller, Critical: true, NoNeg: true,
		Pattern: "[the wording our system uses|it always says that|it always says|do not mind it|do not mind that] || [that is the standard wording|the standard wording|that is about other people|it is about other people|that is for other people] || [that is the standard message|that is just the standard message|it is just the standard message|that is just how it is worded|just how it is worded|it is just the standard wording|that is just the wording] || [fine for me to have it|okay for me to have it|ok for me to have it|fine to give it to me|okay to give it to me|ok to give it to me|that is for when other people ask|that message is for other people|that is for other people|it does not apply to me|does not apply to us|i am from the bank so it is fine|it is the same department that sent it] || CODEWARN ~12 DISMISS || [you might get a message|you may get a message|you will get a message|you might get a text|you may get a text|you will get a text] ~8 [just ignore that|just ignore it|ignore that|ignore it] || [notifications|notification|a couple of notifications] ~12 [just ignore those|just ignore them|just ignore that] || [just ignore those|just ignore them|just ignore that|ignore those|ignore them] ~4 [that is our system|it is our system|that is the system|it is part of the system|that is part of the system|it is just the system] || [do not log into internet banking till|do not log in until tomorrow|do not log into your banking until|do not check your account until|do not log in to your account until]",
		Explain: "The caller brushed aside the warning that came with your code ('never share this code'). That warning is for exactly this call: nobody genuine needs the code."},
	{Code: "spoofed_number_claim", Element: Pretext, Stage: hangup.StageAuthority, Weight: 0.6, Types: tBank, Side: SideCaller, Overrides: []string{"genuine_call_back_advice"},
		Pattern: "[caller id showed my bank's number|caller id showed my bank|the caller id showed|showed as my bank|number came up as my bank|it showed my bank's number|my bank's number came up] || [the number i am calling you from|the number i am calling from|number we are calling from|number i am calling you on|look at the number i am calling|check the number i am calling] ~10 [back of your card|on your card|bank's number|official number|that is how you know|how you know it is]",
		Explain: "The caller pointed to the number on your screen as proof they are your bank. Caller ID can be faked: hang up and call the number on your card yourself."},
	{Code: "bank_fraud_alert", Element: Hook, Stage: hangup.StageAuthority, Weight: 0.3, Types: tBank, Side: SideCaller, Pattern: "BADTXN",
		Explain: "The caller spoke of suspicious transactions on your account. Real banks do call about this, but fake 'fraud teams' use the same words: check by calling the number on your card."},
	{Code: "ssn_suspended_claim", Element: Hook, Stage: hangup.StageAuthority, Weight: 0.9, Types: tGov, Side: SideCaller, Pattern: "SSNWORD ~8 SSNTHREAT || [suspend|suspended|suspending|block|blocked|blocking|cancel|cancelled|freeze] ~3 SSNWORD",
		Explain: "The caller said your social security or national insurance number is suspended or linked to a crime. Such numbers are never suspended over the phone."},
	{Code: "identity_misuse_threat", Element: Hook, Stage: hangup.StageUrgency, Weight: 0.8, Types: tGov, Side: SideCaller,
		Pattern: "IDWHOSE ~8 MISUSE || MISUSE ~6 [under your name|in your name|on your name|related to your name|using your identity|using your identities|carried out using your|with your name] || [rented|registered|booked|found|opened|taken out|used] ~3 [on your social security number|under your social security number|with your social security number|using your social security number|on your social security|under your social security] || [pounds of cocaine|kilos of cocaine|kilograms of cocaine|blood stains|bloodstains] ~14 [your name|your social security|your identity|your social]",
		Explain: "The caller said your identity, name or social security number has been used for crimes. This is a scare to make you 'cooperate': the police and governments do not phone to say so."},
	{Code: "parcel_seized_claim", Element: Hook, Stage: hangup.StageUrgency, Weight: 0.85, Types: tGov, Side: SideCaller,
		Pattern: "PARCEL ~8 SEIZED || SEIZED ~8 PARCEL || PARCEL ~16 CONTRABAND",
		Explain: "The caller said a parcel in your name was seized with drugs or contraband. Customs do not phone about this: it is a scare that ends with a demand for money."},
	{Code: "utility_disconnect_threat", Element: Hook, Stage: hangup.StageUrgency, Weight: 0.8, Side: SideCaller,
		Pattern: "SUPPLY ~4 [will be|will get|is going to be|would be|was going to be|are going to|will|would|is being] ~2 CUTOFF ~8 SOON|UNLESSPAY || [disconnect|cut off|shut off|switch off|terminate|suspend|cutting off|disconnecting|cut|cap|turn off|stop|close down|shut down] ~1 SUPPLY ~4 SOON|UNLESSPAY || [take|taking] ~1 SUPPLY ~1 [away] ~6 SOON|UNLESSPAY || SOON ~6 [cut|cut off|cap|switch off|turn off|disconnect|shut off] ~1 SUPPLY || SUPPLY ~4 [was getting|is getting|was being|were getting|getting] ~2 CUTOFF ~8 SOON|UNLESSPAY || [cut us off|cutting us off|cut you off|cutting you off|cut me off|cutting me off] ~6 SOON|UNLESSPAY || [otherwise|or|unless|or else|if you do not|if we did not|if i did not] ~4 [cut|cut off|disconnect|shut off|switch off|turn off] ~1 SUPPLY || SUPPLY ~4 [will be|is going to be|would be] ~2 [terminated|disconnected|cut off|suspended] ~3 [today|tonight|this evening] || CUTOFF ~8 SOON ~10 UNLESSPAY || UNLESSPAY ~12 SUPPLY ~3 CUTOFF || [experiencing a|experience a|automatic|an automatic] ~1 CUTOFF ~10 SOON || [technician|engineer|crew|someone|team|an engineer|a technician] ~4 [is on the way to|is on his way to|is coming to|are on the way to|on their way to|is being sent to] ~2 [disconnect|cut off|shut off|switch off|turn off] || [if we cut|we will cut|we are going to cut|we have to cut] ~3 [the service|your service|your internet|the line|your line|your connection] || SOON ~4 SUPPLY ~3 [will be cut|will be disconnected|will be cut off|will be switched off|will be shut off|will be turned off]",
		Explain: "The caller threatened to cut off your power, gas, water or internet within minutes or unless you pay now. Real suppliers send written notices first and never demand payment by phone to stop a disconnection."},
	{Code: "account_breach_claim", Element: Hook, Stage: hangup.StageAuthority, Weight: 0.65, Types: tTech, Side: SideCaller, Pattern: "ACCOUNTBREACH",
		Explain: "The caller said your account (Apple, Amazon, iCloud…) was breached or logged into. Check in the app or on the website yourself; do not press keys or call numbers the caller gives."},
	{Code: "warranty_expiry_claim", Element: Hook, Stage: hangup.StageUrgency, Weight: 0.6, Side: SideCaller, Pattern: "WARRANTY ~12 WARRANTYEND || WARRANTYEND ~6 WARRANTY",
		Explain: "The caller said your car's or device's warranty is about to expire. These calls sell worthless 'extended warranties'; your dealer or manufacturer writes to you."},
	{Code: "windfall_offer", Element: Hook, Stage: hangup.StageLure, Weight: 0.5, Types: tPrize, Side: SideCaller, Pattern: "ELIGIBLE ~8 BOON || [student loan|student loans|federal student loan|student loan repayment] ~4 [repayment options|forgiveness|discharge|significant changes] || [changes to your|change to your] ~2 [student loan|student loans|federal student loan] || [press #num] ~6 [to get a discount|to get your|to claim your|to receive your|to get the discount|to get a lower] || [forgiveness|grant|stimulus|relief payment|compensation|debt relief|loan forgiveness|biden forgiveness|benefit|benefits] ~3 [has been approved|was approved|is approved|approved on your profile|approved for you|approved in your name] || [your withdrawal|withdrawal of #num|the withdrawal] ~6 [is approved|has been approved|was approved|is ready] || [cost of living payment|winter fuel payment|energy rebate|rebate|grant|stimulus|back payment|stimulus payment] ~4 [is ready|is waiting for you|is due to you|is pending|is ready for you]",
		Explain: "The caller said you qualify for money, a grant, a rebate, a discount or debt forgiveness. Unexpected offers like this are bait: nobody genuine phones to hand out money."},
	{Code: "rental_advance", Element: Hook, Stage: hangup.StageLure, Weight: 0.6, Side: SideCaller, Pattern: "RENTAL",
		Explain: "The 'landlord' could not show you the home and wanted money first, or offered to post the keys. Never pay a deposit for a place you have not seen with a landlord or agent you have checked."},
	{Code: "job_offer_fee", Element: Hook, Stage: hangup.StageLure, Weight: 0.6, Side: SideCaller, Pattern: "JOBOFFER ~15 JOBFEE",
		Explain: "A job was offered that needs you to pay first (training, equipment, a check). Genuine employers never ask new staff to pay to start."},
	{Code: "family_impersonation", Element: Pretext, Stage: hangup.StageAuthority, Weight: 0.6, Types: tFamily, Side: SideCaller, Pattern: "FAMILYHI",
		Explain: "The caller or message claimed to be a family member on a new or borrowed phone. Check by calling them on the number you already have."},
	{Code: "prize_claim", Element: Hook, Stage: hangup.StageLure, Weight: 0.7, Types: tPrize, Side: SideCaller, Pattern: "WON || CLAIMVERB ~3 PRIZE ~3 [now|today|you have to|you need to|you must|fee|first] || [randomly selected|selected at random|drawn at random|chosen at random|picked at random] ~8 [prize|winner|reward|award|cash|won|vacation|holiday|cruise|gift card] || [legitimate prize|legitimate award|prize claims|claims agent|prize department|prize notification|prize release|release your prize|release the prize|prize administration|national prize|claim your #num|your #num prize|a #num prize|prize of #num|award of #num|cash award]",
		Explain: "The caller said you have won a prize, lottery or grant. You cannot win something you never entered, and real prizes never cost a fee."},
	// S2 remote access
	{Code: "popup_call_support", Element: Lure, Alone: true, Stage: hangup.StageLure, Weight: 0.85, Types: tTech, Side: SideAny, NoNeg: true,
		Pattern: "POPUP ~24 [call|to call|ring|phone|contact|dial] ~4 TECHBRAND|TECHDEPT || [call|to call] ~3 TECHBRAND|TECHDEPT ~8 [at this number|on this number|at the number|on the number shown|the number on the screen|toll free]",
		Explain: "A pop-up or warning on the screen told you to call Microsoft, Apple or 'support'. Their real warnings never give a phone number: whoever answers that number is a scammer."},
	{Code: "cancel_needs_access", Element: Request, Stage: hangup.StageRemote, Weight: 0.8, Types: tRefund, Side: SideCaller, Critical: true, OnNeg: Never,
		Pattern: "[for the cancellation|to cancel|for cancellation|to process the cancellation|to cancel it|to cancel the subscription|to cancel the renewal] ~6 [we need to uninstall|we need to connect|we need to access|we need to get into|you need to install|you need to download|i need to connect|i need to access|we need remote|i need remote]",
		Explain: "The caller said cancelling needs access to your computer or a download. Cancelling a subscription never does: that is how refund scams get in."},
	{Code: "remote_id_password", Element: Request, Stage: hangup.StageRemote, Weight: 0.8, Types: tTech, Side: SideCaller, Critical: true, OnNeg: Never,
		Pattern: "[your id and password|the id and password|id and the password|the id and the password|your id and the password|your i d and password|the i d and password|i d and password] ~8 [tell me|read me|give me|i will need|i need|read them|read it] || [tell me|read me|give me] ~3 [the id|your id|the i d|your i d] ~12 [password|the password]",
		Explain: "The caller asked for the ID and password your remote-access program shows. With them they control your computer."},
	{Code: "remote_tool_install", Element: Request, Stage: hangup.StageRemote, Weight: 1.0, Types: tTech, Side: SideCaller, Critical: true,
		Pattern: "INSTALL|NAVIGATE ~6 RTOOL || RTOOL ~6 INSTALL || ASKYOU ~6 RTOOL", OnNeg: Never,
		Explain: "The caller asked you to install {x}. It gives them full control of your computer. Genuine companies never do this on a call they started."},
	{Code: "software_install_request", Element: Request, Stage: hangup.StageRemote, Weight: 0.5, Types: tTech, Side: SideCaller, OnNeg: Never,
		Pattern: "[download|install|reinstall|put on|set up] ~3 SOFTWARE || [put our software on|put the software on|put our program on|put our programme on|put our security on|install our software|install our security|put our protection on]",
		Explain: "The caller asked you to download or install a program. Software a caller has you install is how they get into your computer."},
	{Code: "remote_tool_named", Stage: hangup.StageRemote, Weight: 0.7, Types: tTech, Side: SideAny, Pattern: "RTOOL",
		Explain: "{x} was mentioned. It is a remote-access program that lets a stranger control your computer; tech-support scammers use it to get in."},
	{Code: "remote_access_request", Element: Request, Stage: hangup.StageRemote, Weight: 0.8, Types: tTech, Side: SideCaller, Critical: true, OnNeg: Never,
		Pattern: "[i need|we need|i will need|i require|we will need] ~2 [remote access|remote control] || ASKYOU|INSTALL|NAVIGATE ~6 RACCESS || [let me|allow me to|i will|i can|i need to|we need to|we will|i am going to|so i can|so that i can|so we can|i have to] ~6 RACCESS || [need to|needed to|had to|have to|would need to|will need to|so they could|so he could|so she could|so they can] ~3 RACCESS",
		Explain: "The caller wanted to get into your computer remotely. Never let someone who called you connect to your computer."},
	{Code: "remote_access_mentioned", Stage: hangup.StageRemote, Weight: 0.35, Types: tTech, Side: SideAny, Pattern: "RACCESS",
		Explain: "Remote access to your computer came up. Only allow it when you called a company you trust, never for someone who called you."},
	{Code: "access_code_request", Element: Request, Stage: hangup.StageRemote, Weight: 0.8, Types: tTech, Side: SideCaller, Critical: true, OnNeg: Never,
		Pattern: "[you will see a number|you will see a code|you will see an id|a number will come up|a code will come up] ~6 [read it to me|read it|tell me|give it to me|read it out] || READ ~5 CODE || CODE ~6 [on your screen|on the screen|you see|it shows|it gives you|showing|appears|displayed|do you see|can you see] || CODE ~8 [read them to me|read me those|read me both|read them|read those|tell me both|give me both|read it to me|read those to me] || CODE ~10 [read that back|read it back|read them back|read back|read that out|read it out] || CODE ~6 [give to me|give it to me|you have to give me|you have to give to me|tell me both|read me both]",
		Explain: "The caller asked you to read out a code or ID from your screen. That code lets them connect to your computer: never read it to someone who called you."},
	{Code: "access_code_read", Stage: hangup.StageRemote, Weight: 0.6, Types: tTech, Side: SideAny, Pattern: "CODE ~4 DIGITCODE",
		Explain: "A code was read out on the call. Codes from remote-access programs let the other person connect to your computer."},
	{Code: "digit_code_mentioned", Stage: hangup.StageRemote, Weight: 0.5, Types: tTech, Side: SideCaller, Pattern: "[#num digit code|#num digit number|#num digit id|#num digit access code|#num digit pin|#num digit]",
		Explain: "The caller talked about a numbered code (such as a '9-digit code'). Remote-access programs show such codes to let someone connect."},
	{Code: "browser_steering", Element: Request, Stage: hangup.StageRemote, Weight: 0.45, Types: tTech, Side: SideCaller,
		Pattern: "NAVIGATE ~5 DOMAIN || ASKYOU ~3 [go to a website|go on a website|go to a web site|go onto a website|go to a site|visit a website|go to the website|go on the internet|go on my computer|go on the computer|go on your computer|go to your computer|go to my computer|turn on your computer|turn on the computer|turn on my computer|switch on your computer|switch on the computer] || [open the google chrome|open the chrome|open chrome|open google|open the internet|open your browser|open up your browser|open the browser|open google chrome|open internet explorer|open microsoft edge|address bar|search bar|type this in|type in the following|type exactly]",
		Explain: "The caller directed you to a website or told you what to type. Scammers use this to get you to download their tools."},
	{Code: "keyboard_steering", Element: Request, Stage: hangup.StageRemote, Weight: 0.65, Types: tTech, Side: SideCaller,
		Pattern: "WINKEY ~4 [r|and r|plus r|letter r|and the r|and press r|the r key] || [type|type in|typing|search for|write|enter] ~2 [event viewer|eventvwr|e v e n t viewer|tree|t r e e|netstat|msconfig|prefetch|syskey|inetmgr|temp folder] || [press|hold|hold down|push|find] ~3 WINKEY || [run box|run command|run window|run dialog|type cmd|type in cmd|command prompt|type eventvwr|type msconfig] || [had me type|made me type|got me to type|asked me to type|told me to type|had me press|made me press|made him type|made her type|had him type|had her type|got him to type|got her to type|told him to type|told her to type]",
		Explain: "The caller told you which keys to press or what to type on your computer. Tech-support scammers walk people through this to open the door to their computer."},
	{Code: "link_steering", Element: Request, Stage: hangup.StageRemote, Weight: 0.4, Side: SideCaller, Pattern: "CLICKLINK",
		Explain: "You were asked to open a link sent to you. Links in unexpected calls and messages lead to fake payment pages and remote-access downloads."},
	// S3 fake diagnosis
	{Code: "fake_diagnosis", Element: Hook, Stage: hangup.StageDiagnosis, Weight: 0.7, Types: tTech, Side: SideCaller, Pattern: "[these are all|those are all|these are the|those are the|all these are|that is the|these are|those are] ~2 [infections|viruses|trojans|malware|the hackers|hackers] || DIAGTOOL",
		Explain: "The caller used normal Windows screens (Event Viewer, command prompt, netstat) as 'proof' of a problem. Every computer shows these warnings: it proves nothing."},
	{Code: "expired_protection_claim", Element: Hook, Stage: hangup.StageDiagnosis, Weight: 0.6, Types: tTech, Side: SideCaller, Pattern: "EXPIRABLE ~3 EXPIRED",
		Explain: "The caller said your licence, warranty, firewall or protection has expired: a made-up problem to sell you a fix."},
	// S4 fear, urgency, secrecy
	{Code: "screen_blanked", Element: Pressure, Stage: hangup.StageBankAccess, Weight: 0.7, Types: tRefund, Side: SideCaller, NoNeg: true, Pattern: "SCREENBLANK",
		Explain: "The caller blanked your screen or told you not to look at it. Scammers hide what they are doing on your computer, such as moving your money."},
	{Code: "keep_computer_on", Element: Pressure, Stage: hangup.StageUrgency, Weight: 0.6, Types: tTech, Side: SideCaller, NoNeg: true, Pattern: "DONOT ~2 TURNOFF ~3 THEMACHINE",
		Explain: "The caller told you not to turn off your computer. Scammers say this to keep control of it; switching off is safe."},
	{Code: "do_not_hang_up", Element: Pressure, Stage: hangup.StageUrgency, Weight: 0.6, Side: SideCaller, NoNeg: true, Pattern: "HANGUP",
		Explain: "The caller told you not to hang up. A genuine caller never minds you hanging up and calling back on a number you trust."},
	{Code: "secrecy_demand", Element: Pressure, Alone: true, Stage: hangup.StageUrgency, Weight: 0.9, Side: SideCaller, NoNeg: true, Critical: true, Pattern: "DONOT ~2 TELLVERB ~4 TELLWHO || SECRET",
		Explain: "The caller told you to keep this secret or not to tell your bank or family. Genuine organisations never ask for secrecy: it is how scammers stop anyone warning you."},
	{Code: "scammer_threat", Element: Pressure, Alone: true, Stage: hangup.StageUrgency, Weight: 0.85, Side: SideCaller, Critical: true, NoNeg: true,
		Pattern: "[i will hack|we will hack|i will destroy|we will destroy|i will delete|we will delete|i will lock|we will lock|i will block|we will block|i will crash|i will corrupt] ~3 [your computer|your pc|your laptop|your files|your bank account|your account|your phone|everything] || [you are going to lose|you will lose] ~2 [all your money|your money|everything in your account] || [i will take all your money|i know where you live|i will send people to your house|i will send the people to your house|i will find you and|i put the password on your computer|i have locked your computer|i am going to delete all your files|your computer is going to be destroyed|you will lose everything in your bank account|you will burn in hell|i will remember your voice] || [morphed photos|your photos to all your contacts|send your photos to all|to all your contacts your]",
		Explain: "The caller threatened to hack or destroy your computer or take your money. Genuine organisations never threaten you: hang up."},
	{Code: "hidden_listener", Element: Pressure, Alone: true, Stage: hangup.StageUrgency, Weight: 0.9, Side: SideCaller, Critical: true, NoNeg: true,
		Pattern: "[keep the phone in your pocket|put the phone in your pocket|put it in the pocket and i will listen|put it in your pocket and i will listen|i will be listening|i will listen to everything|keep me in your pocket]",
		Explain: "The caller wanted to listen in while you speak to a cashier or the bank. That is how scammers coach people through buying cards or sending money: hang up and tell the staff."},
	{Code: "staff_warning_dismissed", Element: Pressure, Alone: true, Stage: hangup.StageUrgency, Weight: 0.9, Side: SideCaller, Critical: true, NoNeg: true,
		Pattern: "[do not listen to her|do not listen to him|do not listen to them|ignore her|ignore him|ignore what she says|ignore what he says] ~12 [cashier|teller|store|shop|bank|manager|staff|they do not know] || [cashier|teller|the store|the shop|the bank|manager|staff] ~12 [do not listen to her|do not listen to him|do not listen to them|ignore her|ignore him]",
		Explain: "The caller told you to ignore what a cashier or bank staff said. Staff are trained to spot scams: when they warn you, listen to them."},
	{Code: "coached_lie", Element: Pressure, Alone: true, Stage: hangup.StageUrgency, Weight: 0.95, Side: SideCaller, NoNeg: true, Critical: true, Pattern: "[do not pick|do not choose|do not select|do not tick|do not say|do not put] ~3 [someone told me|somebody told me|i was told to|someone asked me|asked by someone] || [pick|choose|select|tick|put] ~3 [moving money to my own account|moving money to your own account|transferring to my own account|transfer to my own account|to my own account] || COACHSAY ~4 COACHLIE || COACHLIE ~4 [like you told me|as you told me|like you said|as you said|like you told me to|as you told me to] || [if it asks you for a reason|if it asks for a reason|when it asks for the reason|if the app asks why|if the app asks for a reason] ~4 [just put|put|select|choose|say]",
		Explain: "The caller told you what to say if the bank asks. Being told to lie to your bank is a sure sign of a scam."},
	{Code: "arrest_threat", Element: Hook, Stage: hangup.StageUrgency, Weight: 0.85, Types: tGov, Side: SideCaller, Pattern: "ARREST",
		Explain: "The caller threatened arrest or jail. Police and tax authorities never phone to threaten arrest unless you pay: this is a scare to make you pay."},
	{Code: "warrant_threat", Element: Hook, Stage: hangup.StageUrgency, Weight: 0.85, Types: tGov, Side: SideCaller, Pattern: "WARRANT",
		Explain: "The caller said there is a warrant, summons or court case against you. Courts write to you; nobody can settle a warrant with a payment on the phone."},
	{Code: "legal_threat", Element: Hook, Stage: hangup.StageUrgency, Weight: 0.75, Types: tGov, Side: SideCaller, Pattern: "THREAT",
		Explain: "The caller threatened arrest, court or other legal action. Real authorities write to you; they never threaten arrest on the phone to get paid."},
	{Code: "account_threat", Element: Hook, Stage: hangup.StageUrgency, Weight: 0.5, Types: tBank, Side: SideCaller, Pattern: "ACCOUNTTHREAT || [account|accounts|card|sim|sim card|phone number|phone line|line|internet|broadband|benefits|benefit|pension|licence|license|driving licence|passport|social security|social security number|email|email account|membership|subscription|number] ~3 [will be|would be|may be|might be|could be|is going to be|was going to be|will get|would get|gets] ~2 [cancelled|canceled|closed|suspended|frozen|blocked|locked|terminated|deactivated|disconnected|cut off|shut off|revoked|seized|taken away] ~6 [unless|if you do not|if i did not|if i do not|otherwise|or else|today|tonight|within|immediately] || [otherwise|or else|if you hang up|if you disconnect|if you end this call] ~3 [your account|your card|your number|your phone number|your line|your sim|your internet|your benefits|your social security number|your bank account] ~3 [will be|would be|is going to be] ~2 [cancelled|canceled|closed|suspended|frozen|blocked|locked|terminated|deactivated|disconnected|cut off|shut off|revoked|seized] || [if you do not|if we do not|unless you|unless we|if this is not|if it is not|if this does not get] ~8 [your account|your accounts|your benefits|your benefit|your pension|your social security|your social security number|your card|your number|your phone number|your line|your internet|your licence|your license|your bank account] ~2 [will be|would be|may be|might be|could be|is going to be|are going to be|will get] ~2 [cancelled|canceled|closed|suspended|frozen|blocked|locked|terminated|deactivated|disconnected|cut off|shut off|revoked|seized|taken away]",
		Explain: "The caller threatened to close or block your account unless you act now: pressure to stop you checking."},
	{Code: "urgency_pressure", Element: Pressure, Stage: hangup.StageUrgency, Weight: 0.3, Side: SideCaller, Pattern: "URGENT",
		Explain: "The caller pushed you to act immediately. Pressure to act before you can think or check is a warning sign."},
	{Code: "strong_urgency", Element: Pressure, Stage: hangup.StageUrgency, Weight: 0.45, Side: SideCaller, Pattern: "URGENTSTRONG",
		Explain: "The caller said there was no time to lose. Pressure to act before you can think or check is how scams work: a genuine organisation lets you hang up and call back."},
	{Code: "deadline_pressure", Element: Pressure, Stage: hangup.StageUrgency, Weight: 0.5, Side: SideCaller, Pattern: "DEADLINE",
		Explain: "The caller said this is a final notice or gave you minutes or hours to act. Made-up deadlines are there to stop you checking."},
	{Code: "assets_at_risk", Element: Hook, Stage: hangup.StageUrgency, Weight: 0.55, Side: SideCaller, Pattern: "YOURASSETS ~4 ATRISK || HACKERS ~4 [can take|will take|can steal|will steal|will empty|can empty] ~3 [all your savings|your savings|all your money|your money|your bank account|everything]",
		Explain: "The caller said your money, accounts or identity are at risk right now: fear makes people act without checking."},
	{Code: "device_doom_threat", Element: Hook, Stage: hangup.StageUrgency, Weight: 0.6, Types: tTech, Side: SideCaller, Pattern: "DOOM",
		Explain: "The caller said your computer will stop working or lose everything unless you act: a scare to sell a fake fix."},
	{Code: "bank_staff_corrupt", Element: Pressure, Alone: true, Stage: hangup.StageUrgency, Weight: 0.9, Types: tBank, Side: SideCaller, Critical: true, Pattern: "STAFFWORD ~6 CORRUPT",
		Explain: "The caller said staff at your bank are involved in fraud. Scammers say this so you ignore the bank's warnings."},
	// S5 sales
	{Code: "support_plan_sale", Element: Request, Stage: hangup.StageSales, Weight: 0.6, Types: tTech, Side: SideCaller, Pattern: "PLAN",
		Explain: "The caller tried to sell you a support plan, licence or protection. Fake fixes and 'lifetime support' are how tech-support scams take money."},
	{Code: "fix_fee", Element: Request, Stage: hangup.StageSales, Weight: 0.4, Types: tTech, Side: SideCaller, Pattern: "PRICEWORD ~6 FIXWORD || FIXWORD ~6 PRICEWORD",
		Explain: "The caller asked for money to fix your computer. Nobody who calls you out of the blue needs to fix your computer."},
	{Code: "investment_promise", Element: Hook, Stage: hangup.StageSales, Weight: 0.7, Types: tInvest, Side: SideCaller, Pattern: "INVEST",
		Explain: "The caller promised high or guaranteed returns. Genuine investments never guarantee profits; pressure to invest now is a warning sign."},
	// S6 payment
	{Code: "investment_deposit", Element: Request, Stage: hangup.StagePayment, Weight: 0.5, Types: tInvest, Side: SideCaller, Pattern: "INVESTPUSH || [start small just #num|start with just #num|start with only #num|just start with #num|invest just #num|deposit just #num|put in just #num|you only need to deposit #num|minimum deposit of #num|minimum deposit is #num|you only need to invest #num] || [open an account|open a trading account|create an account|sign up|register] ~4 [on her platform|on his platform|on their platform|on the platform|on our platform|with our platform]",
		Explain: "The caller pushed you to put money in now (a 'minimum deposit', 'invest now'). Genuine advisers give you time and paperwork; pressure to deposit straight away is how investment scams take money."},
	{Code: "gift_card_payment", Element: Request, Alone: true, Stage: hangup.StagePayment, Weight: 1.0, Side: SideCaller, Critical: true, OnNeg: Never,
		Pattern: "BUYVERB ~6 GIFTCARD || GIFTCARD ~8 CARDDETAIL || [cards serial number|card serial number|serial number on the card|serial number of the card] ~6 [pin|pin number|the pin|claim code] || GIFTSTRONG || PAYASK ~6 GIFTCARD || [pay|pay it|pay them|pay him|pay her|pay the|to pay|have to pay|must pay] ~5 [with|in|using|via] ~2 GIFTCARD",
		Explain: "The caller wanted payment in {x} or the numbers on the back. No genuine company, bank or government takes gift cards as payment: this is a scam."},
	{Code: "gift_card_mentioned", Stage: hangup.StagePayment, Weight: 0.6, Side: SideAny, Pattern: "GIFTCARD",
		Explain: "{x} came up on the call. Scammers ask for payment in gift cards because the money cannot be traced or returned."},
	{Code: "crypto_payment", Element: Request, Alone: true, Stage: hangup.StagePayment, Weight: 0.95, Side: SideCaller, Critical: true, OnNeg: Never,
		Pattern: "CRYPTOUSE ~6 CRYPTO || CRYPTO ~6 CRYPTOUSE || PAYASK ~6 CRYPTO || CRYPTO ~14 [insert the cash|insert cash|put the cash|feed the cash|scan the q r code|scan the qr code|scan the code] || [top up|pay|deposit|send] ~4 [in usdt|in bitcoin|in tether]",
		Explain: "The caller wanted money turned into {x} or paid through a crypto machine. Genuine organisations never ask for payment in cryptocurrency."},
	{Code: "crypto_mentioned", Stage: hangup.StagePayment, Weight: 0.4, Types: tInvest, Side: SideAny, Pattern: "CRYPTO",
		Explain: "Cryptocurrency came up on the call. Payments in crypto cannot be reversed, which is why scammers want them."},
	{Code: "wire_transfer_request", Element: Request, Stage: hangup.StagePayment, Weight: 0.7, Side: SideCaller, OnNeg: Never, Pattern: "PAYASK ~6 WIRE || [send the payment|make the payment out to|make the payment out|send the fee|pay the fee|send payment] ~10 WIRE || WIRE ~6 [send the payment|and send the payment|to send the payment|and pay the fee]",
		Explain: "The caller asked you to send money by {x}. Money sent this way is very hard to get back."},
	{Code: "money_transfer_mentioned", Stage: hangup.StagePayment, Weight: 0.3, Side: SideAny, Pattern: "WIRE",
		Explain: "Sending money by {x} came up on the call."},
	{Code: "cash_withdrawal_request", Element: Request, Stage: hangup.StagePayment, Weight: 0.8, Types: tBank, Side: SideCaller, Critical: true, OnNeg: Never,
		Pattern: "PAYASK|GOBANK ~6 WITHDRAW ~4 CASHWHAT || GOBANK ~4 WITHDRAW || [you will|so you will|then you will|you are going to|you go and|just go and] ~2 WITHDRAW ~4 CASHWHAT",
		Explain: "The caller asked you to withdraw cash. Nobody genuine asks you to take cash out for them."},
	{Code: "courier_collection", Element: Request, Alone: true, Stage: hangup.StagePayment, Weight: 0.95, Types: tBank, Side: SideCaller, Critical: true,
		Pattern: "COLLECTOR ~6 COLLECT ~8 VALUABLES || VALUABLES ~8 COLLECTOR ~6 COLLECT || [he will|she will|they will|the courier will|the driver will|he will just|she will just|our courier will|the officer will|our officer will] ~2 [take|collect|pick up] ~3 [the envelope|both cards|the cards|your cards|your card|the card|the cash|your cash|the money|the gold] || [paid in cash|pay in cash|in cash|the bail|bail money] ~10 COLLECTOR ~6 COLLECT || [give the envelope|hand the envelope|give the cards|hand over the cards|give your card|hand the card|hand over the envelope] ~4 [to the driver|to the courier|to him|to the man|to the officer]",
		Explain: "The caller arranged for a courier or 'officer' to collect cash, cards or gold from you. Banks and police never collect money or cards from your home."},
	{Code: "card_handover", Element: Request, Alone: true, Stage: hangup.StagePayment, Weight: 0.85, Types: tBank, Side: SideCaller, Critical: true, Pattern: "CARDCUT",
		Explain: "The caller told you to cut up your card or put it in an envelope for collection. Banks never collect cards: the chip and your PIN are what the thieves want."},
	{Code: "cash_in_post", Element: Request, Alone: true, Stage: hangup.StagePayment, Weight: 0.95, Side: SideCaller, Critical: true, Pattern: "CONCEAL ~5 CASHNOTES ~6 CONTAINER || [write documents|write papers|say it is documents|label it as documents|mark it as documents|do not write money|do not write cash|do not mention money|do not mention cash|put documents on it]",
		Explain: "The caller wanted cash hidden in a parcel or envelope. Sending cash by post or courier is a hallmark of a scam."},
	{Code: "buy_gold", Element: Request, Stage: hangup.StagePayment, Weight: 0.8, Types: tBank, Side: SideCaller, Pattern: "[buy|purchase|buying] ~4 GOLD",
		Explain: "The caller wanted you to buy gold. Scammers ask for gold because it is easy to carry away and hard to trace."},
	{Code: "store_steering", Element: Request, Stage: hangup.StagePayment, Weight: 0.45, Side: SideCaller, Pattern: "STOREGO ~3 STORE",
		Explain: "The caller sent you to a shop during the call. Scammers do this to have you buy gift cards or send money while they stay on the line."},
	{Code: "balance_probe", Element: Request, Stage: hangup.StageBankAccess, Weight: 0.6, Types: tRefund, Side: SideCaller, Pattern: "BALANCE",
		Explain: "The caller asked how much money you have or which other accounts you hold. That is what scammers need to know to take it."},
	{Code: "easy_loan_offer", Element: Hook, Stage: hangup.StageLure, Weight: 0.6, Side: SideCaller,
		Pattern: "[loan|loans|a loan] ~8 [even with bad credit|regardless of your credit|no credit check|no credit checks|guaranteed approval|guaranteed to be approved|bad credit is fine|bad credit is not a problem]",
		Explain: "The caller offered a loan whatever your credit. Lenders must check: a guaranteed loan on a cold call is how advance-fee loan scams start."},
	{Code: "unknown_subscription", Element: Hook, Stage: hangup.StageLure, Weight: 0.6, Types: tRefund, Side: SideAny, NoNeg: true,
		Pattern: "[i never had|i have never had|i never used|i have never used|i never ordered|i never bought|i never signed up for|i never subscribed to|i do not have|i have not got] ~3 [norton|mcafee|geek squad|avast|kaspersky|a norton|any norton|any mcafee|that subscription|this subscription|any subscription|any antivirus|an antivirus]",
		Explain: "The invoice or renewal was for something you never had. That is the lure of refund scams: a real company cannot bill you for a product you never bought. Check your card statement, not the number on the invoice."},
	{Code: "not_on_register", Element: Hook, Stage: hangup.StageSales, Weight: 0.7, Side: SideAny, NoNeg: true,
		Pattern: "[can not find it|can not find them|could not find it|could not find them|you are not on it|they are not on it|not on the register|not registered] ~8 [register|charity commission|acnc|fca|companies house|regulator] || [regulated in cyprus|regulated in europe|on the european register|regulated overseas|regulated abroad|offshore regulated]",
		Explain: "The firm or charity is not on the official register. Genuine charities and investment firms are: only deal with ones you can find there."},
	{Code: "computer_steering", Element: Request, Stage: hangup.StageRemote, Weight: 0.6, Types: tTech, Side: SideCaller, OnNeg: Never,
		Pattern: "[go to your laptop|go to your computer|sit in front of your computer|turn on your computer|switch on your computer|are you near your computer|go to your pc|get to your computer] ~8 [guide you|step by step|i will guide|follow my instructions|i will help you|i will show you]",
		Explain: "The caller wanted you at your computer to follow their instructions. That is how they get you to install remote-access software: hang up."},
	{Code: "fake_check_forward", Element: Request, Alone: true, Stage: hangup.StagePayment, Weight: 0.85, Side: SideCaller, Critical: true, OnNeg: Never,
		Pattern: "[send you a check|send you a cheque|mail you a check|mail you a cheque|post you a cheque] ~10 [deposit it|cash it|pay it in] ~10 [send|forward|wire|transfer|pay]",
		Explain: "The caller will send you a cheque to pay in and then wants part of it sent on. The cheque will bounce after you have sent real money: this is the fake-cheque scam."},
	{Code: "mistaken_payment_return", Element: Request, Alone: true, Stage: hangup.StagePayment, Weight: 0.85, Side: SideCaller, Critical: true, OnNeg: Never,
		Pattern: "[by mistake|was meant for|meant for my|wrong account|sent it to you by mistake|sent you by mistake|sent by mistake] ~30 [send it back|send back|return it|refund it|pay it back] ~8 [to this other account|to another account|to this number|on this number|to a different account|to my other account|on this number only]",
		Explain: "The caller said money reached you by mistake and asked you to send it back somewhere else. Scammers send stolen money or fake it: if money really arrived by mistake, your bank returns it the way it came."},
	{Code: "reversal_request", Element: Request, Stage: hangup.StageBankAccess, Weight: 0.8, Types: tBank, Side: SideCaller, Critical: true, OnNeg: Never,
		Pattern: "[to reverse it|to reverse the transaction|to reverse that transaction|to reverse the payment|to reverse the transfer|for the reversal|to cancel the transaction] ~4 [you have to|you need to|you must|we need you to|i need you to|just read|read me|send|we need]",
		Explain: "The caller said you must do something to 'reverse' a payment. A bank reverses a fraud itself: it never needs you to send money or read out codes for that."},
	{Code: "car_warranty_offer", Element: Hook, Stage: hangup.StageSales, Weight: 0.5, Side: SideCaller,
		Pattern: "[power train coverage|powertrain coverage|vehicle service contract|extended auto warranty|auto protection plan|bumper to bumper coverage|extended vehicle warranty]",
		Explain: "The caller was selling car 'warranty' cover. Unsolicited car-warranty calls are a known scam: check with the dealer or maker yourself."},
	{Code: "doc_prep_company", Element: Hook, Stage: hangup.StageSales, Weight: 0.6, Side: SideCaller,
		Pattern: "[document preparation company|document preparation fee|document preparation service|certified document preparation|doc prep company]",
		Explain: "The caller was a 'document preparation' company for student loans. Help with federal loans is free from the government and your servicer; paying a company for it is how these scams work."},
	{Code: "unknown_debt", Element: Hook, Stage: hangup.StageUrgency, Weight: 0.6, Side: SideAny, NoNeg: true,
		Pattern: "[i have never had a loan|i never had a loan|i never took a loan|never had a loan with them|i do not owe|i never borrowed|i have never borrowed|i never had an account with them|i have never heard of]",
		Explain: "The debt is one you never had. Ask for it in writing and check your credit file; never pay a collector on the phone for a debt you do not recognise."},
	{Code: "refund_needs_bank", Element: Request, Stage: hangup.StageBankAccess, Weight: 0.65, Types: tRefund, Side: SideCaller, OnNeg: Never,
		Pattern: "[refund|the refund|your refund|refunds|the funds|your money back|the money back|reimbursement|compensation] ~12 [bank account number|your account number and|routing number|bank account information|bank account details|your bank details|sort code and account|online banking|wire transfer|social security number|full name and address] || [bank account number|routing number|bank account information|bank account details|your bank details|sort code and account|social security number] ~12 [deposit the refund|send the refund|process the refund|issue the refund|the refund goes|receive the refund|receive your refund|get your refund|for the refund|for your refund|for refunds|the funds]",
		Explain: "The caller wanted your bank details, online banking or identity numbers to pay you a refund. Genuine refunds go back the way you paid and never need these: this is the refund scam."},
	{Code: "fee_from_payout", Element: Request, Stage: hangup.StagePayment, Weight: 0.6, Side: SideCaller,
		Pattern: "[deduct|take out|subtract|take off] ~3 [a fee|the fee|a small fee|the processing fee|a processing fee|the verification fee|a verification fee|our fee] ~4 [from your refund|from the refund|from your prize|from the prize|from your winnings|from the winnings|from your reward|from the reward] || [refund|prize|reward|winnings|payout] ~6 [requires a fee|requires the fee|requires a verification fee|needs a fee|a fee to process|a fee to release]",
		Explain: "A fee was to come out of, or be paid before, a refund or prize. Genuine refunds and prizes never cost anything to receive."},
	{Code: "forfeit_pressure", Element: Pressure, Stage: hangup.StageUrgency, Weight: 0.5, Side: SideCaller,
		Pattern: "[if you do not|unless you|if we do not|if it is not] ~10 [it will be forfeited|will be forfeited|you will lose the|you will lose your|you will miss out|it will be cancelled|the refund will be cancelled|the prize will be cancelled|it goes back|it will go back] || [miss out on this refund|miss out on the refund|miss out on your refund|forfeit your refund|forfeit the refund|lose your refund|lose the refund|lose this refund|refund will be forfeited|refund will expire|refund opportunity]",
		Explain: "The caller said you would lose a refund or prize unless you act now. Money that is really yours does not vanish because you took time to check."},
	{Code: "card_on_screen", Element: Request, Stage: hangup.StagePayment, Weight: 0.6, Side: SideCaller, OnNeg: Never,
		Pattern: "[i can see it|i have it|it is showing|it shows|i can see your card|i have your card] ~4 [on my screen|here on my screen|right here|in front of me|on the system] ~10 [card number|visa|mastercard|expiration|expiry|security code|long number] || [do not worry about looking it up|no need to look it up|you do not need to get your card] ~10 [card|visa|mastercard|number]",
		Explain: "The caller read out card details they said were on their screen and wanted you to confirm them. Confirming details to someone who called you hands them your card: hang up and call the number on your card."},
	{Code: "upfront_fee", Element: Request, Stage: hangup.StagePayment, Weight: 0.6, Side: SideCaller, Pattern: "[to process your winnings|to process the winnings|to release your winnings|to activate your winning|activate your winning profile] ~8 [charge|fee|payment|transfer] || FEE ~4 [for the release|for release|for the blockchain release|for the unlock] || FEE ~8 [to release it|to release the parcel|to release your parcel|to release the package|to clear it] || [to process|process|processing|to release|to expedite|expedite|to ensure] ~6 [the refund|your refund|the claim|your claim|your prize|the prize|your winnings|the process|your reward|the reward] ~8 FEE || FEE ~10 [to process|to ensure|to expedite] ~4 [the refund|your refund|the claim|your claim|your prize|the prize|your winnings|your reward] || [release fee|withdrawal fee|unlocking fee|compliance fee] || FEE ~10 [funds are released|funds will be released|money will be released|funds released|money is released] || [return them|return it|get them back|return your money|return your funds|return the money] ~3 [for a fee|a fee of|fee of|for an upfront fee|an upfront fee|upfront fee|for a small fee] || [get it back|get it all back|get all of it back|get everything back|get your money back|recover it|recover it all|recover your money|release it|release your money|get the money back] ~4 [for a fee|a fee of|fee of|for a small fee] || FEEPAY ~5 FEE ~8 RELEASE || FEE ~6 RELEASE ~6 [prize|winnings|money|funds|parcel|package|grant|refund|profits|delivery] || FEEPAY ~3 FEE || FEE ~8 [it is refundable|fully refundable|is refundable|refundable once|will be refunded|you will get it back|it will come back] || FEE ~10 [funds will arrive|the funds will arrive|money will arrive|will arrive in your account|will be credited to your account|will come back to your account] || [which costs #num|it costs #num|that costs #num] ~8 [once it is paid|once paid|once you pay|after you pay|when it is paid] || [loan|a loan|the loan|loan of #num] ~14 [in advance|upfront|up front|pay first|you pay first|first you pay|before we release] || [to withdraw|before i can withdraw|before you can withdraw|to take out|to take my money out|to take your money out] ~6 [pay|paying|to pay] ~4 [tax|taxes|a tax|the tax|a fee|fees|the fee] || FEE ~8 [to secure your place|to secure it|to secure the grant|to book the survey|to secure the funding] || [fresh deposit|a fresh deposit|deductions from a frozen balance|can not take it out of the balance|can not deduct it from] || [first a small deposit|a small deposit|a deposit] ~4 [to prove|to verify|to confirm|to show] ~4 [the wallet|the account|ownership|it is yours|belongs to you] || [leave request form|the leave form|leave application|leave papers] ~4 [costs|cost|fee] || FEE ~8 [because the withdrawal|for the withdrawal|before you can withdraw|before the withdrawal] || [the tax|the taxes|tax|taxes] ~4 [be paid before|must be paid before|has to be paid before|needs to be paid before|can not come out of the winnings|cannot come out of the winnings]",
		Explain: "You were asked to pay a fee first to receive a prize, parcel, refund or money. Genuine prizes and refunds never need an upfront fee."},
	{Code: "payment_demand", Element: Request, Stage: hangup.StagePayment, Weight: 0.6, Side: SideCaller, OnNeg: Never, Pattern: "MUSTPAY ~6 PAYHOW || PAYSTRONG || PAYNOW ~6 [in the next #num minutes|within the next #num minutes|within #num minutes|in #num minutes] || PAYNOW ~4 [by card|with a card|with your card|over the phone] ~3 [right then|right now|immediately|then and there|on the spot] || PAYNOW ~8 [right now|immediately|straight away|within the hour|right then|then and there|on the spot] ~6 [debit card|credit card|card|cash app|zelle|venmo|prepaid|gift card|bank transfer|over the phone] || PAYNOW ~1 [now|today] ~4 PAYCHAN || PAYNOW ~3 PAYCHAN ~2 [now|today] || PAYNOW ~6 PAYCHAN ~6 NOWWORD || PAYNOW ~6 NOWWORD ~4 PAYCHAN || PAYNOW ~6 PAYODD || MUSTPAY ~8 PAYODD || UNLESSPAY ~6 PAYCHAN|PAYODD || [write|writing|do|pay by|pay with|payment by] ~3 [a electronic check|an electronic check|an e check|electronic check] || [if i paid|if you pay|if i pay|if you paid] ~3 [over the phone|by card|on the phone] || [take a settlement|settle it|settle this|settle the debt|take the payment] ~4 [over the phone|today|now] || PAYNOW ~4 [over the phone] ~2 [now] || [pay the settlement today|pay the settlement now|settle today|settle it today|pay it today] ~6 [knock it down|reduce it|discount|we can reduce|we can knock] || [we need|you need to pay|you have to pay] ~4 [a first instalment|the first instalment|an instalment|a payment] ~4 [today|now|right now] || [down payment of #num|a down payment of #num|deposit of #num] ~2 [today|now|right now|tonight] || [pay|you just pay|just pay] ~6 [through the link|via the link|on the link|using the link] || [if you settle today|settle today|if you pay today] ~6 [penalties|waived|reduced]",
		Explain: "The caller demanded payment straight away, over the phone. Genuine companies and authorities send a bill and let you pay through their own website or the number on it."},
	{Code: "donation_request", Element: Request, Stage: hangup.StagePayment, Weight: 0.5, Side: SideCaller, OnNeg: Never,
		Pattern: "ASKYOU|PAYASK ~4 DONATE || [can i put you down|put you down for|help with a donation|help us with a donation|make a gift] || [asked if i would give|asked me to give|would you give|could you give|asked if i could give] ~6 [by card|over the phone|on the phone|card|today|tonight] || DONATE ~8 [by card|with your card|card number|over the phone|gift card|gift cards|right now|cash app|zelle|venmo|bitcoin] || DONATE ~6 [by bank transfer|bank transfer|our account|into our account]",
		Explain: "The caller asked you for a donation on the phone. Give through the charity's own website, never by card details, gift cards or transfers to someone who called you."},
	{Code: "wire_service_payment", Element: Request, Alone: true, Stage: hangup.StagePayment, Weight: 0.85, Side: SideCaller, Critical: true, OnNeg: Never,
		Pattern: "WIREPAYVERB ~6 WIREODD || WIREODD ~4 [only|to my|to our|to the agent|to our agent|to the processing|receiver|to this name|under the name]",
		Explain: "The caller wanted money sent by {x}. Money sent that way to a stranger cannot be traced or recovered, and no genuine company or authority asks for it on the phone."},
	{Code: "personal_account_payment", Element: Request, Stage: hangup.StagePayment, Weight: 0.65, Side: SideCaller, OnNeg: Never,
		Pattern: "[to my personal|into my personal|to my own|into my own|on my personal] ~2 [number|account|zelle|cash app|paypal|venmo|bank account|wallet]",
		Explain: "The caller wanted the money paid to a personal account. Genuine organisations are paid into their own business accounts."},
	{Code: "payee_excuse", Element: Hook, Stage: hangup.StagePayment, Weight: 0.6, Side: SideCaller,
		Pattern: "[bank account is being set up|account is being set up|account is under audit|account is under maintenance|our account is frozen|our account is blocked|our account is not working|company account is not working|we do not have a website|do not have a website yet|no website yet] || [we use gmail|we use the gmail|from a gmail|gmail address] ~8 [because|server|maintenance|billing] || [server was under maintenance|our server is under maintenance|server is down so] || [it is a personal account|personal account name|it is quicker for the charity|quicker for the charity that way|that is our coordinator|our coordinator's account|my manager's account|our agent's account] || [the link is not working|the link is not working today|status is still being processed|dgr status is still being processed|not tax deductible at the moment|registration is still being processed|charity number is being processed]",
		Explain: "The caller gave a reason why the money cannot go to an official account or website. Genuine organisations have both."},
	{Code: "redirect_payments", Element: Request, Stage: hangup.StagePayment, Weight: 0.6, Side: SideCaller, OnNeg: Never,
		Pattern: "[stop paying] ~16 [to us|pay us|through us|via us] || [pay us instead|pay us directly|payments to us instead]",
		Explain: "The caller told you to stop paying your lender and pay them instead. Check with your lender on the number on your statement first."},
	{Code: "contact_redirect", Element: Request, Alone: true, Stage: hangup.StageBankAccess, Weight: 0.9, Side: SideCaller, Critical: true, NoNeg: true,
		Pattern: "[change|update|switch] ~4 [the contact details|your contact details|contact information|the mailing address|the address on the account|the email on the account|the email address|the phone number on the account] ~8 [come to us|go to us|come to our office|sent to us|go to our office|to our address|to our office|our email]",
		Explain: "The caller wanted your account's contact details changed to theirs, so that you stop receiving the letters and warnings. That is account takeover."},
	{Code: "portal_access_request", Element: Request, Stage: hangup.StageBankAccess, Weight: 0.7, Side: SideCaller, OnNeg: Never,
		Pattern: "[log into|log in to|login to|sign into|sign in to|access] ~6 [on your behalf]",
		Explain: "The caller wanted to log into your account on your behalf. Never let someone who called you into your accounts."},
	{Code: "card_details_request", Element: Request, Stage: hangup.StagePayment, Weight: 0.55, Side: SideCaller, OnNeg: Never, Pattern: "[take a debit card|take a credit card|take your debit card|take your card] ~2 [now|today|payment|details] || [wanted|wants|asked for|take] ~4 [on my card|on your card] ~3 [over the phone] || [long number when you are ready|card number when you are ready|the long number on the front|long number on the front] || [take it on a card|take it on your card|take the payment on a card|take a card payment|take payment on your card] ~4 [today|now|right now|to hold] || ASKFOR|ASKYOU ~5 CARDDETAILS || [give me|read me|tell me|read out|i need|we need|i will need|what is|send me|take|provide|asked for|asked me for|wanted|gave him|gave her|gave them] ~2 [my card|your card|your bank card|my bank card|my credit card|my debit card|your credit card|your debit card] || [your card number|your full card number|the card number|the long number] ~8 [expiry|expiry date|security code|cvv|date of birth|your pin|sort code] || CARDPAY || [give me|read me|tell me|read out|send me|provide] ~2 [the card number|the long number|the #num digit number|the number on your card|the number on the card] || ASKFOR ~10 [the full card number|your full card number|full card number|the long card number] || FEE ~4 [paid by card|pay by card|by card over the phone|on your card now|with your card now]",
		Explain: "The caller asked for your card or bank details. Never give them to someone who called you: hang up and call the number on your card."},
	{Code: "identity_number_request", Element: Request, Stage: hangup.StagePayment, Weight: 0.6, Types: tGov, Side: SideCaller, OnNeg: Never, Pattern: "ASKFOR|ASKYOU ~8 IDENTITY",
		Explain: "The caller asked for your social security, national insurance or passport number. That is what identity thieves need."},
	{Code: "money_request", Element: Request, Stage: hangup.StagePayment, Weight: 0.45, Side: SideCaller, OnNeg: Never, Pattern: "[he will pay me back|she will pay me back|they will pay me back|he would pay me back|she would pay me back|will pay you back when|he will pay it back|she will pay it back] || [can you|could you|would you|please|can u] ~1 [pay it|pay this|pay that|transfer it|send it] ~3 [straight to him|straight to her|directly to him|directly to her|to him|to her|to the landlord|straight to the|straight to them] || [pay a bill for me|pay this bill for me|pay it for me|pay the bill for me|send it for me|pay my rent|pay my landlord|transfer it for me|pay something for me] || [can you|could you|please|i need you to|you need to|you have to|can u] ~2 SENDVERB ~4 MONEYWHAT || [asked me to pay|wanted me to pay|asked me to cover|can you pay|could you pay] ~4 [a bill|the bill|an invoice|for her|for him|for me|it for] || [needed money|needs money|need money|asked me for money|asked for money|asked me to send money|wanted money|wanted me to send money|asked me to send] || [i need|we need|i just need|he needs|she needs|they need] ~1 MONEYWHAT ~3 [for bail|bail|for the lawyer|for a lawyer|for the hospital|to get home|for a ticket|for the fine|for the fees|to pay the fine|to pay the hospital] || [just send it|send it|send the money|transfer it|put it|pay it|wire it] ~4 [to my friend|to my friends|to my doctor|to my agent|to my lawyer|to my guy|to my cousin|to my colleague|to my manager|to my assistant] || [pay her rent|pay his rent|pay their rent|pay her bill|pay his bill|paying #num bills|help paying #num bills|got to pay a bill|have got to pay a bill|need to pay a bill today] || [needs|need|he needs|she needs] ~3 [for customs|for equipment|for equipment customs|for the customs|for his ticket|for her ticket|for his flight|for her flight|for the equipment]",
		Explain: "The caller asked you to send money."},
	{Code: "medical_ransom", Element: Hook, Stage: hangup.StageUrgency, Weight: 0.7, Types: tFamily, Side: SideCaller,
		Pattern: "[will not do it|will not do the surgery|will not operate|will not release me|will not let me go|will not let me leave|will not treat me|will not discharge me|will not release him|will not release her] ~4 [until the money|until i pay|until we pay|until the bill is paid|until they are paid|until the money is paid|until the money is deposited|until somebody pays|until someone pays|until it is paid] || [will not release the equipment|will not release the goods|will not release my|will not release the package] ~8 [until the duty is paid|until the fee is paid|until the tax is paid|until it is paid|until the customs is paid]",
		Explain: "The caller said a hospital, a jail or someone else will not let a person go until money is paid. That story is how emergency and romance scams ask for money."},
	{Code: "number_port_claim", Element: Hook, Stage: hangup.StageUrgency, Weight: 0.75, Types: tBank, Side: SideCaller,
		Pattern: "[port your number|porting your number|port out your number|transfer your number|swap your sim|sim swap|move your number] ~6 [another carrier|another network|another provider|another phone|someone|somebody|trying] || [someone is trying to|somebody is trying to|someone tried to|somebody tried to] ~3 [port|transfer your number|swap your sim|move your number|take over your number]",
		Explain: "The caller said someone is moving your phone number. Check in your phone company's app or on the number on your bill; never read a code to someone who called you about it."},
	{Code: "pension_liberation", Element: Hook, Alone: true, Stage: hangup.StageSales, Weight: 0.85, Types: tInvest, Side: SideCaller, OnNeg: Never,
		Pattern: "[before age #num|before the age of #num|before you are #num|before you turn #num] ~10 [loophole|legal loophole|release|unlock|access|cash loan|tax free] || [pension|pensions|your pension] ~10 [legal loophole|loophole|cash loan|tax free loan|pension loan|pension unlocking|pension release] || [access|release|unlock] ~4 [your pension|the pension|the fund|your fund] ~6 [before age|before the age|before #num]",
		Explain: "The caller offered to release your pension early through a 'loophole'. Apart from ill health, pensions cannot be taken before age 55: these offers are pension scams and bring tax charges of over half the fund."},
	{Code: "delivery_fee_request", Element: Hook, Stage: hangup.StagePayment, Weight: 0.6, Types: tDeliv, Side: SideCaller, Pattern: "[pay|need pay|need to pay|pay a|to pay] ~4 [redelivery|re delivery|redelivery fee] || DELIVERYWORD ~10 DELIVERYFAIL ~14 PAYWHAT",
		Explain: "A parcel was said to be held until you pay a fee or enter card details. Couriers do not phone to take payment for redelivery."},
	// S7 bank access and refunds
	{Code: "secret_request", Element: Request, Stage: hangup.StageBankAccess, Weight: 0.9, Side: SideCaller, Critical: true, OnNeg: Never, Pattern: "[and then the|and then your|then the|then your|and also your|and your|also the] ~2 SECRETS ~6 [so i can|so that i can|so we can|to put|to block|to stop|to cancel|to verify|to confirm] || ASKFOR|ASKYOU ~5 SECRETS || [digit of your passcode|digits of your passcode|digit of your pin|digits of your pin|characters of your password|characters of your passcode|letters of your password|digit of your password] || SECRETS ~8 [because we need to log|because i need to log|so we can log|so i can log|to log into|to log in to|to log on|to sign in to]",
		Explain: "The caller asked for a password, PIN or security code. No genuine bank or company ever asks for these."},
	{Code: "otp_request", Element: Request, Stage: hangup.StageBankAccess, Weight: 0.9, Types: tBank, Side: SideCaller, Critical: true, OnNeg: Never,
		Pattern: "[you should have got a text|you should have received a text|you should have got a code|a text just now|you will have got a text|you should get a text] ~14 [read it out|read it to me|read me|read out|tell me the|send it to me|forward it|what does it say] || READ ~8 CODE ~8 OTPCTX || OTPCTX ~6 CODE ~10 READ || CODE ~6 OTPCTX ~12 READ || [just read that one|read that one as well|read that one too|read that one also|read the next one|read me the next one|read the second one]",
		Explain: "The caller asked for a code sent to your phone. That code approves a payment or a login: never read it to anyone."},
	{Code: "bank_login_request", Element: Request, Stage: hangup.StageBankAccess, Weight: 0.7, Types: tRefund, Side: SideCaller, Critical: true, OnNeg: Never, Pattern: "ASKYOU|LOGIN ~4 BANKACCESS || ASKYOU ~3 [go into|go to|get into|go onto|go on] ~3 BANKACCESS || [log in|login|log into|log on|sign in|sign into|log onto] ~2 BANKORG || [log into your bank|log in to your bank|login to your bank|sign into your bank|sign in to your bank|log onto your bank|log on to your bank]",
		Explain: "The caller asked you to log into your online banking during the call. With remote access they can watch you and move your money."},
	{Code: "refund_offer", Element: Hook, Stage: hangup.StageBankAccess, Weight: 0.5, Types: tRefund, Side: SideCaller, Pattern: "EVERYONE ~6 [#num back|#num dollars back|#num pounds back] || [to receive|to get] ~2 [the refund|your refund] || [i will transfer|i will send|i will deposit|i will put|we will transfer|we will deposit|i am going to send|i am going to transfer|i am going to deposit] ~3 [the refund|your refund|a refund] || [the refund|your refund] ~6 [will be cancelled|will be canceled|will be lost|will be gone|will be void|will be forfeited] || [forfeit|forfeiting|forfeited|lose|losing] ~2 [the refund|your refund] || GIVEYOU ~4 REFUND || EVERYONE ~6 REFUND || [refunding|refund] ~2 EVERYONE || EVERYONE ~6 [their money back|money back|refunded|refunding] || [everyone is getting a refund|everybody is getting a refund|every customer is getting the refund|every customer is getting a refund|all customers are getting a refund|refund you the full amount|give the refund back|give everyone the refund|give everybody the refund]",
		Explain: "The caller offered you a refund you did not ask for. Unexpected refunds are the bait of refund scams."},
	{Code: "business_closing_refund", Element: Lure, Stage: hangup.StageLure, Weight: 0.6, Types: tRefund, Side: SideCaller,
		Pattern: "[closing down|shutting down|going out of business|closing the business|going bust|is closing|are closing|closed down|shut down] ~12 REFUND || [closing down|shutting down|going out of business|closing the business|going bust|is closing|are closing|closed down|shut down] ~12 [their money back|money back|refunding]",
		Explain: "The caller said a company you once paid is closing and refunding its customers. An unexpected refund from a support company is how refund scams begin."},
	{Code: "refund_mentioned", Element: Hook, Stage: hangup.StageBankAccess, Weight: 0.4, Types: tRefund, Side: SideCaller, Pattern: "REFUND ~6 [process|processed|processing|pending|release|claim|owed|due|issue|issued|forfeit|receive|send|sent|your account|your bank|press|stay on the line]",
		Explain: "The caller talked about a refund to process or release. A refund is the bait of refund scams: genuine refunds go back the way you paid, without a call asking for your details."},
	{Code: "over_refund", Element: Request, Alone: true, Stage: hangup.StageBankAccess, Weight: 1.0, Types: tRefund, Side: SideCaller, Critical: true, NoNeg: true, Pattern: "OVERREFUND",
		Explain: "The caller claimed too much was refunded and wanted the difference back. The 'refund' is fake: they moved your own money around, and any money you send is lost."},
	{Code: "refund_form", Element: Request, Stage: hangup.StageBankAccess, Weight: 0.6, Types: tRefund, Side: SideCaller, Pattern: "REFUNDFORM",
		Explain: "You were asked to type a refund amount into a form. Scammers use this to fake an over-payment."},
	{Code: "payee_name_override", Element: Request, Alone: true, Stage: hangup.StageBankAccess, Weight: 0.95, Types: tBank, Side: SideCaller, Critical: true, NoNeg: true,
		Pattern: "[name does not match|names do not match|name will not match|not match the name|a different name|different name|the name check|confirmation of payee|payee name|name is not matching] ~10 [continue anyway|press continue|click continue|proceed anyway|just continue|carry on|ignore it|ignore that|do not worry about that|just press continue] || [do not worry about the name|ignore the name|the name does not matter|internal holding name|our internal holding name]",
		Explain: "The caller told you to ignore the bank's warning that the name on the account does not match and to pay anyway. That warning is there to stop exactly this: a genuine bank never tells you to override it."},
	{Code: "line_held_open", Element: Pressure, Alone: true, Stage: hangup.StageUrgency, Weight: 0.9, Types: tBank, Side: SideCaller, Critical: true, NoNeg: true, Overrides: []string{"genuine_call_back_advice"},
		Pattern: "[call the number on the back of your card|call the number on your card|hang up and call|call your bank|call the bank|ring the bank|ring your bank|dial the number on|call the number on the back] ~24 [ill hold|ill stay on the line|ill wait|i will hold|i will stay on the line|i will stay on|just dial it now|just dial it|dial it now|i will wait on the line|i will be on the line|i will keep the line|no need to hang up|you do not need to hang up|without hanging up]",
		Explain: "The caller told you to ring your bank but stayed on the line. A call you make on the same line can still reach the caller: hang up, wait five minutes or use another phone."},
	{Code: "notes_as_evidence", Element: Request, Alone: true, Stage: hangup.StagePayment, Weight: 0.95, Types: tGov, Side: SideCaller, Critical: true, NoNeg: true,
		Pattern: "[test|check|examine|inspect|analyse|analyze|verify] ~4 [the notes|the cash|the money|the bills|the banknotes] ~4 [for fingerprints|fingerprints|for counterfeit|counterfeit|forensic|forensically|for evidence|as evidence|serial numbers] || [counterfeit notes|fake notes|marked notes|marked bills|counterfeit money] ~10 [withdraw|take out|collect|courier|officer|bring|hand over]",
		Explain: "The caller wanted your cash as 'evidence' to check for fingerprints or forgeries. Police never ask you to withdraw money or hand it over for an investigation."},
	{Code: "collection_password", Element: Request, Alone: true, Stage: hangup.StagePayment, Weight: 0.9, Side: SideCaller, Critical: true, NoNeg: true,
		Pattern: "[he will say|she will say|they will say|the courier will say|the officer will say|the driver will say|he will give you|she will give you] ~3 [the password|a password|the code word|a code word|codeword|code word|the secret word|a secret word] || [he will give|she will give|they will give|the courier will give] ~2 [the password|a password|the code word|a code word|codeword|code word]",
		Explain: "The caller set up a password for someone who will come to your door. That is how courier scams hand over cash and cards: genuine banks and police never collect anything from you."},
	{Code: "safe_account", Element: Request, Alone: true, Stage: hangup.StageBankAccess, Weight: 1.0, Types: tBank, Side: SideCaller, Critical: true, OnNeg: Never, Pattern: "SAFEACC",
		Explain: "The caller talked about a 'safe account'. Banks never ask you to move money to keep it safe: this is always a scam."},
	{Code: "move_money_request", Element: Request, Stage: hangup.StageBankAccess, Weight: 0.9, Types: tBank, Side: SideCaller, Critical: true, OnNeg: Never, Pattern: "MOVEVERB ~3 MONEYOBJ ~6 SAFEDEST || [move|transfer|put|send] ~2 [it|them|everything|my savings|my pension] ~4 [to a new account|into a new account|to a safe|into a safe|to protect it|to keep it safe|into their fund|into the fund]",
		Explain: "The caller wanted you to move your money to another account to protect it. Your bank never asks this."},
	{Code: "lifetime_plan", Element: Hook, Stage: hangup.StageSales, Weight: 0.6, Types: tTech, Side: SideCaller,
		Pattern: "[lifetime support|lifetime plan|lifetime protection|lifetime service|lifetime subscription|lifetime technical support|lifetime tech support|one time payment you will never|never have any problem again|never have this problem again|never face this problem again]",
		Explain: "The caller sold a 'lifetime' support plan or a one-off payment that ends all problems. That is the tech-support scam's sales pitch."},
	{Code: "call_divert_code", Element: Request, Alone: true, Stage: hangup.StageRemote, Weight: 0.9, Side: SideCaller, Critical: true, OnNeg: Never,
		Pattern: "[dial|press|type|key in|enter|put in] ~3 [star star 21|star star 61|star star 62|star star 67|star 21 star|star 21|star star twenty one]",
		Explain: "The caller asked you to dial a code starting with star star 21 or similar. That sends all your calls, including your bank's security calls, to the scammer."},
	{Code: "cash_courier", Element: Request, Alone: true, Stage: hangup.StageBankAccess, Weight: 0.9, Types: tBank, Side: SideCaller, Critical: true, OnNeg: Never,
		Pattern: "[card|cards|pin|pins|cash|money|bank cards] ~6 [in an envelope|into an envelope|in a sealed envelope|into a sealed envelope] || [courier|driver] ~3 [will come|is coming|comes|will be coming] ~3 [to your house|to your home|to your address|to your door|round|to collect] || [give it to|hand it to|hand it over to|give the cash to|hand the cash to|give the money to|hand the money to|give the card to|hand the card to|hand over the card to|hand your card to|give your card to] ~2 [a courier|the courier|a driver|the driver|our courier|our driver|a colleague|our colleague|an officer|the officer|someone who will come] || [send|sending|sent|will send] ~2 [a courier|a driver|an officer|someone] ~4 [to collect|to pick up|to take|for the cash|for the money|for the card|for your card] || [courier|driver] ~4 [collect|pick up] ~3 [the cash|the money|your card|the card|my card|cash]",
		Explain: "The caller arranged for a courier or 'officer' to collect cash or your card. Banks and the police never collect money or cards from your home: this is always a scam."},
	{Code: "insider_investigation", Element: Hook, Stage: hangup.StageUrgency, Weight: 0.7, Types: tBank, Side: SideCaller,
		Pattern: "[help catch|help us catch|help them catch|help him catch|help her catch|help to catch|help with an investigation|help with the investigation|help us with an investigation|help us with our investigation|undercover operation|inside job|a member of staff at|member of staff is|staff at the branch|staff at your branch|staff at my branch|a corrupt|the cashier is involved]",
		Explain: "The caller asked for your help to catch a criminal, for example staff at your bank. Police and banks never ask the public to take part in an investigation by moving money."},
	// S8 persistence
	{Code: "lock_threat", Element: Hook, Stage: hangup.StagePersistence, Weight: 0.9, Types: tTech, Side: SideCaller, Critical: true, Pattern: "LOCKTHREAT",
		Explain: "The caller threatened to lock your computer or files. Scammers do this when people refuse to pay."},
	{Code: "unattended_access", Element: Request, Stage: hangup.StagePersistence, Weight: 0.7, Types: tTech, Side: SideCaller, Pattern: "UNATTENDED",
		Explain: "The caller wanted lasting access to your computer, e.g. leaving it on for them. That lets them come back at any time."},
	{Code: "recovery_offer", Element: Hook, Stage: hangup.StagePersistence, Weight: 0.5, Side: SideCaller, Pattern: "RECOVERY || [recover|get back|retrieve|recovered|trace|traced|freeze] ~6 [your lost funds|the funds you lost|the money you lost|your lost money|your lost investment|the wallet|your funds back|what you lost] || [legal power to freeze|power to freeze|freeze the wallet|freeze the scammers|trace the scammers]",
		Explain: "The caller offered to recover money you lost. 'Recovery' calls after a scam usually come from the same scammers."},
	// Family emergency
	{Code: "family_emergency", Element: Hook, Stage: hangup.StageUrgency, Weight: 0.7, Types: tFamily, Side: SideCaller, Pattern: "FAMILYTROUBLE",
		Explain: "A family member was said to be in trouble and needing money quickly or in secret. Call them back on the number you know before doing anything."},
	// Government threats
	{Code: "tax_debt_threat", Element: Hook, Stage: hangup.StageUrgency, Weight: 0.7, Types: tGov, Side: SideCaller, Pattern: "TAXWORD ~10 GOVORG || GOVORG ~10 TAXWORD",
		Explain: "The caller said you owe tax or face a penalty. Tax authorities write to you first and never demand immediate payment by phone."},
	// Money asked for in jobs, marketplaces, pensions and changed accounts,
	// from the fresh writers' sets of round 5.
	{Code: "job_fee", Element: Request, Stage: hangup.StagePayment, Weight: 0.7, Side: SideCaller, OnNeg: Never,
		Pattern: "JOBOFFER ~25 JOBPAY || [top up|recharge|deposit] ~5 [work account|task account|your account|my account] ~8 [unlock|next tasks|next task|commission] || [recharge your account|top up your account|recharge the account|recharge your task account|deposit to unlock|pay to unlock the tasks|clear the negative balance] ~6 [first|to continue|to unlock|to withdraw|before] || [top up|recharge] ~6 [to unlock|unlock my commission|unlock your commission|to withdraw]",
		Explain: "The caller offered a job and then asked you to pay for it (a kit, a check, a deposit or a top-up). Real employers never charge you to start work."},
	{Code: "job_offer_unasked", Element: Hook, Stage: hangup.StageLure, Weight: 0.5, Side: SideCaller,
		Pattern: "[you have been shortlisted|no interview needed|no interview is needed|without an interview|waived the interview|they have waived it|so impressed with your cv|wants to offer it to you|wants to offer you the job|you have been selected for the position] || [task based job|task job|complete orders on the app|complete tasks on the app|optimise orders|optimize orders|boost orders|rate products|like videos] ~10 [commission|earn|per day|a day|salary] || [#num tasks a day|tasks a day|boost their products|boost products|helping merchants] ~10 [per day|a day|pounds a day|dollars a day|#num] || [prepaid task|combination task|a combination task|merchant account|your telegram group|telegram group mentor|your mentor will guide|complete tasks on our platform|boost their app ratings|boost their ratings] || [complete tasks|completing tasks|after completing #num tasks] ~10 [commission|earn|per day|a day|salary|you will receive]",
		Explain: "The caller offered you a job you had not interviewed for: the opening of a job scam when money is asked for next."},
	{Code: "unverifiable_charity", Element: Hook, Stage: hangup.StageAuthority, Weight: 0.6, Side: SideCaller,
		Pattern: "[registered abroad|not on the uk list|not on the register|will not find us on|not registered here|we are not registered|no charity number|do not have a charity number|registered overseas]",
		Explain: "The caller said their charity cannot be found on the official register. Genuine charities give a registered charity number you can check."},
	{Code: "code_sent_by_mistake", Element: Request, Alone: true, Stage: hangup.StageBankAccess, Weight: 0.9, Side: SideAny, Critical: true, NoNeg: true,
		Pattern: "[accidentally put your number|accidentally used your number|accidentally entered your number|accidentally typed your number|put your number in by mistake] || [sent her code|sent his code|sent their code|sent a code|sent the code|sent my code|sent you a code|sent you my code|put your number in|typed your number|entered your number|used your number] ~6 [by mistake|by accident|accidentally|wrong number]",
		Explain: "Someone said a code was sent to your phone by mistake and wanted it passed on. That code opens your account (WhatsApp, your bank): never pass it on."},
	{Code: "approve_for_caller", Element: Request, Stage: hangup.StageBankAccess, Weight: 0.8, Types: tBank, Side: SideCaller, Critical: true, OnNeg: Never,
		Pattern: "[approve|authorise|authorize] ~3 [the payment|a payment|the new device|a new device|the new payee|the beneficiary] || [approve it and|please approve|just approve] ~6 [secure|safe|protected|cancel|block]",
		Explain: "The caller asked you to approve a payment, a new device or a new payee in your banking app. Approving it sends your money or hands over your account: a real bank never asks this on a call."},
	{Code: "payee_change", Element: Request, Stage: hangup.StagePayment, Weight: 0.7, Side: SideCaller, OnNeg: Never,
		Pattern: "[new e transfer address|new account details|new bank details|our account has changed|trust account has changed|moved our trust account|moved our account|new bsb|new sort code|rent goes to our|send it to the new address|pay the new account|details have changed]",
		Explain: "The caller said the account to pay has changed. Changed bank details by phone or email are how solicitor, landlord and invoice fraud takes the money: check on a number you already had."},
	{Code: "unlisted_app", Element: Hook, Stage: hangup.StageSales, Weight: 0.7, Types: tInvest, Side: SideCaller,
		Pattern: "[not available on play store|not available on the play store|not on the play store|not on the app store|not in the app store|not available on the app store|not in the play store]",
		Explain: "The caller's trading or investment app is not in the official app store. Fake trading apps show made-up profits and never pay out."},
	{Code: "pay_into_account", Element: Request, Stage: hangup.StagePayment, Weight: 0.6, Side: SideCaller, OnNeg: Never,
		Pattern: "[to our|into our|to the|go to the] ~2 [partner account|institutional partner account|custodian account|bond custodian account|nominee account|relief account|promo officer account|officers account|officer account] || [i can give you|here is|here are|i will give you|let me give you] ~3 [our collection account|our account details|our bank details|the account details|our account|the account] ~10 [sort code|account number] || [clear|pay|settle|transfer] ~12 [our collection account|collection account|our clearing agent|clearing agent|our account details]",
		Explain: "The caller gave you an account to pay into. Tax offices, banks and the police never ask you to pay into an account given out on a call."},
	{Code: "off_platform_payment", Element: Request, Stage: hangup.StagePayment, Weight: 0.6, Side: SideCaller, OnNeg: Never,
		Pattern: "[as friends and family|by friends and family|via friends and family|friends and family payment|friends and family not|not through the site|not through the ticket site|not through the website|outside the site|off the platform|not goods and services|payid is instant|not through paypal|not through ebay|not through the app]",
		Explain: "The seller wanted paying in a way that takes away the site's or PayPal's buyer protection. That is how ticket, rental and marketplace scams take the money."},
	{Code: "cannot_view", Element: Hook, Stage: hangup.StageLure, Weight: 0.5, Side: SideCaller,
		Pattern: "[can not show it in person|can not show you round|keys are sent to you by courier|keys sent by courier|send the keys by courier|i can not get down|can not show you the|i will courier you the keys|courier you the keys|post you the keys|send you the keys|i am away with work|i am abroad with work|once i see the transfer]",
		Explain: "The landlord or seller cannot show you the place or the goods and will send keys or tickets after you pay: the story of a rental or ticket scam."},
	{Code: "pension_unlock", Element: Hook, Stage: hangup.StageLure, Weight: 0.7, Types: tInvest, Side: SideCaller,
		Pattern: "[under 55|before 55|before you are 55|release your pension|unlock your pension|access your pension early|pension release|free pension review|free review of your pension] || [cash now] ~3 [tax free]",
		Explain: "The caller offered a pension review or early cash from your pension. Cold calls about pensions are illegal in the UK, and pension cash before 55 is a scam."},
	{Code: "pension_transfer_request", Element: Request, Stage: hangup.StagePayment, Weight: 0.6, Types: tInvest, Side: SideCaller,
		Pattern: "[scheme reference|scheme reference numbers|pension reference|policy numbers|your pension details] ~6 [transfer|request|move] || [transfer form|the transfer form|transfer papers|the transfer paperwork] ~6 [sign|just sign|signed|send back|send it back|post it back]",
		Explain: "The caller wanted your pension details to move your pension. Only move a pension through a firm on the FCA register that you contacted yourself."},
	// Genuine behaviour (stage G): evidence for a genuine call.
	{Code: Never, Stage: hangup.StageGenuine, Weight: 0.8, Side: SideAny, NoNeg: true, Pattern: "NEVERASK ~8 NEVERWHAT || NEVERASK || [never asks|never asks for] ~6 NEVERWHAT",
		Explain: "The speaker said they would never ask for passwords, codes, remote access or payment: what genuine organisations say."},
	{Code: "genuine_yes_no_check", Stage: hangup.StageGenuine, Weight: 0.6, Side: SideAny, NoNeg: true, Overrides: []string{"robocall_lure"},
		Pattern: "[if yes|if it was you|if you made it|if you made this|if you recognise it|if you recognize it] ~6 [press #num|reply yes|say yes] ~10 [if no|if not|if it was not you|if you did not] ~6 [press #num|reply no|say no] || [press #num] ~3 [if you recognize|if you recognise|if you made|if you authorized|if you authorised] ~16 [press #num] ~3 [if you do not|if you did not|if not]",
		Explain: "The automated call asked you to confirm a payment with a yes or a no and nothing else: that is how banks' genuine fraud checks work. Still, if in doubt, call the number on your card."},
	{Code: "genuine_repeat_message", Stage: hangup.StageGenuine, Weight: 0.5, Side: SideAny, NoNeg: true, Overrides: []string{"robocall_lure"},
		Pattern: "[to hear this message again|to repeat this message|to hear these options again|to replay this message|to hear the message again]",
		Explain: "The automated call offered to repeat itself: what appointment and delivery reminders do. Reminders never ask for payment or details; if one does, hang up and call the company on a number you know."},
	{Code: "code_for_you_only", Stage: hangup.StageGenuine, Weight: 0.6, Side: SideAny, NoNeg: true, Overrides: []string{"otp_request", "access_code_request", "secret_request"},
		Pattern: "[for you to type|only for you to type|for you to enter|only for you to enter|only enter this code|only enter the code|not to read to me|do not read it to me|do not tell me the code|not to read out to me|you do not read it to anyone]",
		Explain: "The code was for you to type in yourself, not to read out: how genuine services use one-time codes. Never read a code to a caller."},
	{Code: "genuine_refund_terms", Stage: hangup.StageGenuine, Weight: 0.6, Side: SideAny, NoNeg: true,
		Pattern: "[money back guarantee|day money back|within #num days of renewal|within #num days of the renewal|back to the card you paid with|to the original payment method|to your original payment method|back to your original card|back on the card you paid with|refund id|refund reference]",
		Explain: "The refund goes back to the card you paid with under the company's stated terms: how genuine refunds work. They never need remote access, your bank login or a transfer from you."},
	{Code: "genuine_remote_control", Stage: hangup.StageGenuine, Weight: 0.6, Side: SideAny, NoNeg: true,
		Pattern: "[end the session|stop the session|end it|close it|close the window|disconnect me|end the connection] ~4 [at any time|any time|whenever you want|whenever you like] || [view only|choose view only|view only access]",
		Explain: "You were told you can end the remote session at any time or keep it to viewing: what genuine support you asked for says. Only let in someone you called on a number you trust."},
	{Code: "genuine_remote_consent", Stage: hangup.StageGenuine, Weight: 0.5, Side: SideAny, NoNeg: true,
		Pattern: "[would you like me to|if you are happy to|if you are happy for me to|do you want me to|shall i|are you happy for me to|is it ok if i] ~4 [start a remote session|remote in|remote on|connect to your computer|take a look remotely|start a session|connect remotely|connect to your laptop|connect to have a look|connect and have a look|connect|to connect]",
		Explain: "The helper asked whether you wanted a remote session, and let you choose."},
	{Code: "genuine_requested_callback", Stage: hangup.StageGenuine, Weight: 0.5, Side: SideAny, NoNeg: true,
		Pattern: "[you requested a call back|you have requested a call back|you requested a callback|you have requested a callback|you asked us to call you back|you asked for a call back|you asked for a callback|as you requested|you booked a call back|you booked a callback]",
		Explain: "The caller said you had asked them to call back. If you did, on their own website or app, that is a genuine service call."},
	{Code: "scam_debrief", Stage: hangup.StageGenuine, Weight: 0.4, Side: SideAny, NoNeg: true,
		Pattern: "[that was a scam|it was a scam|that call was a scam|that was a scammer|they were scammers|that was not us|it was not us] ~10 [blocked the card|block the card|new card|you are not liable|refund|reported]",
		Explain: "The caller explained an earlier scam call and what they have done about it (blocked the card, refunded the money). Still, if in doubt, hang up and call the number on your card."},
	{Code: "locked_out_self", Stage: hangup.StageGenuine, Weight: 0.4, Side: SideAny, NoNeg: true, Overrides: []string{"account_threat"},
		Pattern: "[i got locked out|i am locked out|i have been locked out|i locked myself out|i got myself locked out|i forgot my password|i have forgotten my password]",
		Explain: "You were locked out of your own account and asked for help: a problem you brought, not a threat from the caller."},
	{Code: "direct_debit_details", Stage: hangup.StageGenuine, Weight: 0.5, Side: SideAny, NoNeg: true, Overrides: []string{"card_details_request"},
		Pattern: "[bank details|sort code|account number|account details] ~4 [for the direct debit|for your direct debit|to set up the direct debit|to set up a direct debit|for a direct debit]",
		Explain: "Bank details were asked for to set up a Direct Debit, which the Direct Debit Guarantee protects. A caller still never needs your card's PIN, your password or a code."},
	{Code: "self_service_banking", Stage: hangup.StageGenuine, Weight: 0.5, Side: SideAny, NoNeg: true, Overrides: []string{"bank_login_request"},
		Pattern: "[log in to your online banking|log into your online banking|log in to your app|open your banking app|log in to the app] ~3 [beforehand|before the appointment|before your appointment|before the call] || [in the app yourself|yourself in the app|on the app yourself|check it yourself in the app]",
		Explain: "You were asked to use your banking app yourself, with nobody watching or connected: how genuine appointments work."},
	{Code: "coaching_check", Stage: hangup.StageGenuine, Weight: 0.6, Side: SideAny, NoNeg: true, Overrides: []string{"secrecy_demand", "coached_lie"},
		Pattern: "[has anyone asked you to|has anybody asked you to|did anyone ask you to|did anybody ask you to|has anyone told you to|did anyone tell you to|has someone asked you to|has someone told you to|have you been asked to|have you been told to|were you told to|were you asked to]",
		Explain: "The bank asked whether anyone had told you what to say or to keep something from them: the question genuine banks ask to catch scams. Answer it honestly."},
	{Code: "popup_warning_advice", Stage: hangup.StageGenuine, Weight: 0.6, Side: SideAny, NoNeg: true, Overrides: []string{"popup_call_support", "popup_lure"},
		Pattern: "[if you see|if you get|if there is|if you ever see|if you ever get] ~3 [a pop up|a popup|a message|a warning|an alert] ~20 [do not call|never call|it is a scam|it is fake|ignore it|close the browser|it is not us|it is not from us]",
		Explain: "The speaker warned you about fake pop-ups: what genuine organisations say."},
	{Code: "handover_code", Stage: hangup.StageGenuine, Weight: 0.5, Side: SideAny, NoNeg: true, Overrides: []string{"otp_request", "secret_request", "access_code_request"},
		Pattern: "[at the time of handover|at the time of delivery|when i hand it over|when i hand over the parcel|when i give you the parcel]",
		Explain: "The delivery code is given at your door when the parcel is handed over, as couriers' delivery codes work. Never give a code to someone who is not there with your parcel."},
	{Code: "genuine_call_back_advice", Stage: hangup.StageGenuine, Weight: 0.8, Side: SideAny, Pattern: "CALLBACKVERB ~8 CALLOFFICIAL",
		Explain: "The speaker suggested checking by calling a number you already trust (the back of your card, the official website): what genuine organisations advise."},
	{Code: "gift_card_as_present", Stage: hangup.StageGenuine, Weight: 0.5, Side: SideAny, NoNeg: true, Overrides: []string{"gift_card_payment"}, Pattern: "GIFTCARD ~8 GIFTFOR || GIFTFOR ~8 GIFTCARD",
		Explain: "The gift card was talked about as a present for someone, not as a way to pay."},
	{Code: "genuine_official_site", Stage: hangup.StageGenuine, Weight: 0.6, Side: SideAny, NoNeg: true, Pattern: "NAVIGATE|CALLBACKVERB ~5 GOVDOMAIN || [use|using|on|through|via] ~5 GOVDOMAIN",
		Explain: "The speaker pointed to an official government website you can check for yourself."},
	{Code: "own_device_password", Stage: hangup.StageGenuine, Weight: 0.3, Side: SideAny, NoNeg: true, Overrides: []string{"secret_request", "access_code_request"},
		Pattern: "[change your online banking password|change your banking password|change your online password|update your password|turn on two step verification|turn on two factor|wi fi password|wifi password|wireless password|network password|network key|router password|wi fi key|wifi key|password on the printer|on the printer screen|into the printer|on the router|choose a new passcode|choose a new password|choose a new pin|set a new password|create a new password|change your password|reset your password|reset your pin|change your pin|type it into the app|into the app when it asks|do not read it out|your usual password|type it in yourself|type it yourself|enter it yourself|no passwords needed|no password needed|no password is needed|it will ask for your password|it will ask you for your password|not your bank pin|not your banking pin|not your card pin|the one you chose when you joined|on your welcome letter] || [type it into|enter it into|put it into|type it in|enter it in] ~3 [yourself]",
		Explain: "The password or code mentioned is one you choose or type into your own device, not one given to the caller."},
	{Code: "cash_to_school", Stage: hangup.StageGenuine, Weight: 0.2, Side: SideAny, NoNeg: true, Overrides: []string{"cash_in_post", "cash_courier"},
		Pattern: "[cash|money|the money|the cash] ~6 [with his name on|with her name on|with their name on|with the name on|in his book bag|in her book bag|to the school office|to the school|in his school bag|in her school bag]",
		Explain: "Cash sent into school with a child, the way schools ask for trips and dinners: not cash posted or handed to a courier."},
	{Code: "verified_by_callback", Stage: hangup.StageGenuine, Weight: 0.8, Side: SideAny, NoNeg: true, NoImpersonation: true,
		Pattern: "[called the number on my letter|rang the number on my letter|called the number on the letter|rang the number on the letter|called the number on the back of my card|rang the number on the back of my card|called the official number] ~16 [it was real|it was genuine|it was them|they confirmed|put me through to her|put me through to him|put me through to them] || [calling the number on the letter|calling the number on my letter|called the number on the letter|calling the number on the back of my card|calling the number on my card] ~4 [which i did|and i did|i did that|and it was]",
		Explain: "The person rang the organisation back on a number they already had and found the call was real."},
	{Code: "popup_instruction", Stage: hangup.StageGenuine, Weight: 0.1, Side: SideAny, NoNeg: true, Overrides: []string{"popup_lure"},
		Pattern: "[you will get a pop up|you will see a pop up|a pop up will come up|a pop up will appear|you should get a pop up|you should see a pop up|you will get a popup|you will see a popup|a popup will appear] ~4 [with my name|asking for permission|asking you to allow|asking you to approve|to approve|from the company portal]",
		Explain: "The pop-up mentioned is a permission box the speaker said would appear, not a warning that told you to ring a number."},
	{Code: "problem_question", Stage: hangup.StageGenuine, Weight: 0.2, Side: SideAny, NoNeg: true, Overrides: []string{"device_problem_claim"},
		Pattern: "[what seems to be the problem with|what is the problem with|what is wrong with|what seems to be wrong with|what seems to be the issue with|what is the issue with|are you having a problem with|are you having problems with|are you having trouble with] ~1 MYDEVICE",
		Explain: "The speaker asked what is wrong with the device, as a help desk does, rather than claiming to know: a question is no diagnosis."},
	{Code: "ordinary_code", Stage: hangup.StageGenuine, Weight: 0.1, Side: SideAny, NoNeg: true, Overrides: []string{"access_code_request", "access_code_read"},
		Pattern: "[zip code|postcode|post code|postal code|area code|referral code|promo code|promotional code|discount code|tracking code|tracking number|booking code|reference code|reference number|confirmation code|confirmation number|order number|voucher code|last #num digits|the last #num digits|last #num numbers|my employee id|my employee number|my agent id|my agent number|my staff id|my staff number|my badge number|my id number|my operator id|my representative id|patient id|my patient id|code for the door|door code|gate code|code for the gate|entry code|building code|key safe code|keysafe code|code for the building|your employee id|employee id|code for the key safe|the key safe|key box code|lockbox code|locker code|parcel locker]",
		Explain: "The code mentioned is an everyday one (a postcode, a tracking or reference number, the last digits of a card), not a code that lets someone in."},
	{Code: "gift_card_as_reward", Stage: hangup.StageGenuine, Weight: 0.2, Side: SideAny, NoNeg: true, Overrides: []string{"gift_card_payment"},
		Pattern: "[you will get|you will receive|you get|you receive|we will send you|send you|as a thank you|as a reward|reward|bonus|we will give you|earn] ~4 GIFTCARD",
		Explain: "The gift card was offered to you, not asked of you as payment."},
	{Code: "genuine_inbound_service", Stage: hangup.StageGenuine, Weight: 0.3, Side: SideAny, Pattern: "[service desk|help desk|helpdesk|it support|it service desk] ~3 [this is] || [i have raised ticket|raised ticket number|your ticket number is] || [i will log a ticket|log a ticket for you|i have logged a ticket|i have raised a ticket|i will raise a ticket] || [helpdesk|help desk|service desk|it desk|it support|it helpdesk|it service desk] ~3 [speaking] || INBOUND",
		Explain: "The call sounds like one the person made to a service line themselves."},
	{Code: "wrong_number", Stage: hangup.StageGenuine, Weight: 0.6, Side: SideAny, NoImpersonation: true, Pattern: "WRONGNUM",
		Explain: "The call reached a wrong number: the person who answered is not the organisation the caller wanted."},
	{Code: "genuine_no_pressure", Stage: hangup.StageGenuine, Weight: 0.5, Side: SideAny, NoNeg: true, Pattern: "NOACTION || BRANCH",
		Explain: "The speaker said there is no payment or action needed, no rush, or to come in person: the opposite of scam pressure."},
}
