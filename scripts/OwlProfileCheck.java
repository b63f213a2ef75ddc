// Check an ontology against the OWL 2 DL profile with the OWL API's profile checker.
// Usage: java -cp "<OWL API jars>" scripts/OwlProfileCheck.java ONTOLOGY.ttl
// Prints one line per violation and exits 1 when there is any; 2 when the file cannot be read.
import java.io.File;
import java.util.List;
import org.semanticweb.owlapi.apibinding.OWLManager;
import org.semanticweb.owlapi.model.OWLOntology;
import org.semanticweb.owlapi.model.OWLOntologyCreationException;
import org.semanticweb.owlapi.profiles.OWL2DLProfile;
import org.semanticweb.owlapi.profiles.OWLProfileViolation;

public class OwlProfileCheck {
    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: OwlProfileCheck ONTOLOGY");
            System.exit(2);
        }
        OWLOntology ontology;
        try {
            ontology = OWLManager.createOWLOntologyManager().loadOntologyFromOntologyDocument(new File(args[0]));
        } catch (OWLOntologyCreationException e) {
            System.err.println(args[0] + ": cannot be read as an ontology: " + e.getMessage().lines().findFirst().orElse(""));
            System.exit(2);
            return;
        }
        List<OWLProfileViolation> violations = new OWL2DLProfile().checkOntology(ontology).getViolations();
        for (OWLProfileViolation violation : violations) {
            System.out.println(violation.toString().replaceAll("\\s+", " "));
        }
        System.out.println(args[0] + ": " + violations.size() + " OWL 2 DL profile violations");
        System.exit(violations.isEmpty() ? 0 : 1);
    }
}
