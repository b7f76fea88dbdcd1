package versionfile

import (
	"strings"
	"testing"
)

const mavenPOM = `<?xml version="1.0" encoding="UTF-8"?>
<!-- <version>0.0.0</version> in a comment -->
<project xmlns="http://maven.apache.org/POM/4.0.0"
         xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
         xsi:schemaLocation="http://maven.apache.org/POM/4.0.0 https://maven.apache.org/xsd/maven-4.0.0.xsd">
  <modelVersion>4.0.0</modelVersion>
  <parent>
    <groupId>org.springframework.boot</groupId>
    <artifactId>spring-boot-starter-parent</artifactId>
    <version>3.2.5</version>
  </parent>
  <groupId>com.acme</groupId>
  <artifactId>widget</artifactId>
  <version>1.4.0-SNAPSHOT</version>
  <properties>
    <java.version>21</java.version>
    <version>9.9.9</version>
  </properties>
  <dependencies>
    <dependency>
      <groupId>org.junit.jupiter</groupId>
      <artifactId>junit-jupiter</artifactId>
      <version>5.10.2</version>
    </dependency>
  </dependencies>
  <build>
    <plugins>
      <plugin>
        <artifactId>maven-surefire-plugin</artifactId>
        <version>3.2.5</version>
      </plugin>
    </plugins>
  </build>
</project>
`

const ciFriendlyPOM = `<project>
  <modelVersion>4.0.0</modelVersion>
  <groupId>com.acme</groupId>
  <artifactId>widget</artifactId>
  <version>${revision}</version>
  <properties>
    <revision>2.0.0</revision>
  </properties>
</project>
`

func TestPOMUpdate(t *testing.T) {
	crlf := strings.ReplaceAll(mavenPOM, "\n", "\r\n")
	runUpdates(t, []updateCase{
		{"realistic with decoys", "pom.xml", mavenPOM, "1.4.0",
			strings.Replace(mavenPOM, "<version>1.4.0-SNAPSHOT</version>", "<version>1.4.0</version>", 1)},
		{"crlf", "module/pom.xml", crlf, "1.5.0",
			strings.Replace(crlf, "<version>1.4.0-SNAPSHOT</version>", "<version>1.5.0</version>", 1)},
		{"version before parent", "pom.xml",
			"<project><version>1.0.0</version><parent><version>2.0.0</version></parent></project>", "1.0.1",
			"<project><version>1.0.1</version><parent><version>2.0.0</version></parent></project>"},
		{"whitespace inside element kept", "pom.xml", "<project>\n  <version>\n    1.0.0\n  </version>\n</project>", "1.1.0",
			"<project>\n  <version>\n    1.1.0\n  </version>\n</project>"},
		{"empty element", "pom.xml", "<project><version></version></project>", "0.1.0", "<project><version>0.1.0</version></project>"},
		{"ci friendly property", "pom.xml", ciFriendlyPOM, "2.1.0",
			strings.Replace(ciFriendlyPOM, "<revision>2.0.0</revision>", "<revision>2.1.0</revision>", 1)},
		{"latin-1 declaration, bom", "pom.xml",
			"\ufeff<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<project><name>Caf\xe9</name><version>1.0.0</version></project>\n", "1.0.1",
			"\ufeff<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<project><name>Caf\xe9</name><version>1.0.1</version></project>\n"},
		{"prefixed namespace", "pom.xml", "<m:project xmlns:m=\"http://maven.apache.org/POM/4.0.0\"><m:version>1.0.0</m:version></m:project>", "1.0.1",
			"<m:project xmlns:m=\"http://maven.apache.org/POM/4.0.0\"><m:version>1.0.1</m:version></m:project>"},
		{"already current", "pom.xml", mavenPOM, "1.4.0-SNAPSHOT", mavenPOM},
	})
}

func TestPOMRead(t *testing.T) {
	runReads(t, []readCase{
		{"realistic", "pom.xml", mavenPOM, "1.4.0-SNAPSHOT"},
		{"ci friendly", "pom.xml", ciFriendlyPOM, "2.0.0"},
		{"entity", "pom.xml", "<project><version>1.0&#46;0</version></project>", "1.0.0"},
	})
}

func TestPOMErrors(t *testing.T) {
	runErrors(t, []errCase{
		{"inherits from parent", "svc/pom.xml",
			"<project>\n  <parent>\n    <version>1.0.0</version>\n  </parent>\n  <artifactId>svc</artifactId>\n</project>\n",
			[]string{"svc/pom.xml has no <version> of its own", "inherits it from <parent>", "parent's pom.xml"}, true},
		{"no version at all", "pom.xml", "<project><dependencies><dependency><version>1.0.0</version></dependency></dependencies></project>",
			[]string{"pom.xml has no <version> under <project>"}, true},
		{"not a pom", "pom.xml", "<settings><version>1.0.0</version></settings>", []string{"pom.xml:1: root element is <settings>"}, true},
		{"malformed", "pom.xml", "<project>\n<version>1.0.0</versio>\n</project>", []string{"pom.xml:2: invalid XML"}, true},
		{"unclosed", "pom.xml", "<project>\n<version>1.0.0</version>\n", []string{"invalid XML"}, true},
		{"empty file", "pom.xml", "", []string{"pom.xml has no XML root element"}, true},
		{"self-closing", "pom.xml", "<project>\n<version/>\n</project>", []string{"pom.xml:2: ", "<version/>"}, false},
		{"comment inside", "pom.xml", "<project>\n<version><!-- x -->1.0.0</version>\n</project>", []string{"pom.xml:2: ", "markup"}, false},
		{"entity inside", "pom.xml", "<project><version>1.0&#46;0</version></project>", []string{"pom.xml:1: ", "markup"}, false},
		{"undefined property", "pom.xml", "<project>\n<version>${revision}</version>\n</project>",
			[]string{"pom.xml:2: ", "${revision}", ".mvn/maven.config"}, true},
		{"compound property", "pom.xml", "<project>\n<version>${revision}${changelist}</version>\n<properties><revision>1.0.0</revision></properties></project>",
			[]string{"pom.xml:2: ", "several properties"}, true},
	})
}
