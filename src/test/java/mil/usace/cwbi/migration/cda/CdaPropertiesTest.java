package mil.usace.cwbi.migration.cda;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@code cwbi.cda.t7.*} is validated at start: a host entry that is not a host (a URL, a pattern) is refused. */
class CdaPropertiesTest {

  final Validator validator = Validation.buildDefaultValidatorFactory().getValidator();

  Set<ConstraintViolation<CdaProperties>> violations(CdaProperties p) {
    return validator.validate(p);
  }

  @Test
  void productionDefaultsAreStrictAndValid() {
    CdaProperties p = new CdaProperties();
    assertThat(violations(p)).isEmpty();
    assertThat(p.getT7().getAllowedHosts()).containsExactly(".usace.army.mil");
    assertThat(p.getT7().isRequireHttps()).isTrue();
    assertThat(p.getT7().getHostKeys()).isEmpty();
  }

  @Test
  void hostEntriesMustBeHostsSuffixesOrHostPorts() {
    for (String good : List.of("localhost:8080", "127.0.0.1:8080", ".usace.army.mil", "wm.swt.ds.usace.army.mil")) {
      CdaProperties p = new CdaProperties();
      p.getT7().setAllowedHosts(List.of(good));
      assertThat(violations(p)).as(good).isEmpty();
    }
    for (String bad : List.of("http://evil.example.com", "*.usace.army.mil", "evil.com/path", "", "a b", "..mil")) {
      CdaProperties p = new CdaProperties();
      p.getT7().setAllowedHosts(List.of(bad));
      assertThat(violations(p)).as(bad).isNotEmpty();
    }
    CdaProperties p = new CdaProperties();
    p.getT7().getOfficeHosts().put("SWT", List.of("https://t7.swt.example.mil/"));
    assertThat(violations(p)).isNotEmpty();
    CdaProperties.HostKey key = new CdaProperties.HostKey();
    key.setHost(".usace.army.mil");
    key.setKey("k");
    CdaProperties withKey = new CdaProperties();
    withKey.getT7().getHostKeys().add(key);
    assertThat(violations(withKey)).as("a key goes to one host, never a whole domain").isNotEmpty();
  }
}
