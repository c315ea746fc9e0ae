// the names derived from the module id: the class that the unit tests just compiled and ran, and its PID
// (basedir is this folder; the generated project is in project/<artifactId>)
def project = new File(basedir, 'project/green-energy-plugin')
def source = new File(project, 'src/main/java/com/example/ocn/green/GreenEnergyModule.java')
assert source.isFile() : "no GreenEnergyModule.java in " + project
assert source.text.contains('public static final String MODULE = "green-energy";')
assert source.text.contains('public static final String PID = "ocn.plugin.green.energy";')
assert new File(project, 'target/surefire-reports/com.example.ocn.green.GreenEnergyModuleTest.txt').isFile()
return true
