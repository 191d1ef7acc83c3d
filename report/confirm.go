package report

import (
	"fmt"
	"strings"

	"github.com/hangup-org/hangup"
)

// ConfirmationEmail is the message a reporter gets when they give an email
// address: the reference, the private tracking link (absolute: it is read
// outside the site) and the first things to do. It holds nothing else from
// the report, so a mailbox someone else reads gives away as little as
// possible.
func ConfirmationEmail(to string, rc *Receipt, link string) hangup.Email {
	var b strings.Builder
	fmt.Fprintf(&b, "Thank you for telling us about a scam.\n\n")
	fmt.Fprintf(&b, "Your reference is %s.\n\n", rc.Report.Reference)
	fmt.Fprintf(&b, "This private link opens your report, so you can add to it or delete it:\n%s\n\n", link)
	fmt.Fprintf(&b, "Keep this email to yourself: anyone with the link can open the report.\n")
	if len(rc.Guidance.Steps) > 0 {
		fmt.Fprintf(&b, "\nWhat to do now:\n")
		for i, s := range rc.Guidance.Steps {
			fmt.Fprintf(&b, "%d. %s.\n", i+1, s.Title)
		}
		fmt.Fprintf(&b, "The link above explains each step.\n")
	}
	fmt.Fprintf(&b, "\nIf you didn't send this report, someone typed your address by mistake: open the link and delete it.\n\nHangup\n")
	return hangup.Email{To: to, Subject: "Your scam report " + rc.Report.Reference, Text: b.String()}
}
