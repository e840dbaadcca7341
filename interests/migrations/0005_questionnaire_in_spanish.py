"""The questionnaire's 48 activities in Spanish, written by the site (as the English: short
everyday activities, none of them O*NET's Interest Profiler items). Each activity that still
has its shipped English text and no Spanish gets its Spanish; an editor's text is kept."""

from django.db import migrations

SPANISH = {
    "Fix a leaky faucet under a sink": "Arreglar una llave que gotea debajo del lavabo",
    "Test soil samples for harmful chemicals": "Analizar muestras de tierra en busca de químicos dañinos",
    "Design a logo for a new bakery": "Diseñar el logotipo de una panadería nueva",
    "Help an older person get dressed each morning": "Ayudar a una persona mayor a vestirse cada mañana",
    "Run a food truck that you own": "Manejar su propio camión de comida",
    "Type patient details into a clinic database": "Ingresar los datos de pacientes en el sistema de una clínica",
    "Replace the worn brakes on a car": "Cambiar los frenos gastados de un carro",
    "Check invoices for pricing mistakes": "Revisar facturas para encontrar errores de precio",
    "Talk a store owner into stocking your product": "Convencer al dueño de una tienda de vender su producto",
    "Tutor a child who struggles with reading": "Dar clases a un niño al que le cuesta leer",
    "Write a short story about a haunted house": "Escribir un cuento sobre una casa embrujada",
    "Examine why a new bridge is cracking": "Estudiar por qué se agrieta un puente nuevo",
    "Compose the background music for a video game": "Componer la música de fondo de un videojuego",
    "Comfort a nervous patient before surgery": "Calmar a un paciente nervioso antes de una cirugía",
    "Lead a team launching a new phone app": "Dirigir al equipo que lanza una aplicación nueva",
    "Sort and file court papers by date": "Ordenar y archivar documentos de un tribunal por fecha",
    "Wire the outlets in a new house": "Instalar los cables de los enchufes de una casa nueva",
    "Work out what is causing a patient’s rash": "Averiguar qué le causa un sarpullido a un paciente",
    "Play the villain in a stage show": "Hacer el papel del villano en una obra de teatro",
    "Find out why a website keeps crashing": "Descubrir por qué un sitio web se cae una y otra vez",
    "Prune apple trees in an orchard": "Podar los manzanos de una huerta",
    "Update a school’s class schedule each term": "Actualizar el horario de clases de una escuela cada período",
    "Close a deal to sell a used car": "Cerrar la venta de un carro usado",
    "Run a support group for new parents": "Dirigir un grupo de apoyo para padres primerizos",
    "Pitch a business idea to investors": "Presentar una idea de negocio a inversionistas",
    "Balance the cash register at closing time": "Cuadrar la caja registradora al cerrar",
    "Trim the hooves of a horse": "Recortar los cascos de un caballo",
    "Spot patterns in customer survey results": "Encontrar patrones en los resultados de una encuesta",
    "Take portrait photos at a wedding": "Tomar retratos en una boda",
    "Help newcomers practice speaking English": "Ayudar a recién llegados a practicar el inglés",
    "Convince the city council to fund a park": "Convencer al concejo municipal de pagar un parque",
    "Look after toddlers at a daycare center": "Cuidar niños pequeños en una guardería",
    "Pick colors and furniture for a living room": "Escoger los colores y los muebles de una sala",
    "Figure out the age of a dinosaur bone": "Calcular la edad de un hueso de dinosaurio",
    "Weld steel parts for a bridge": "Soldar piezas de acero para un puente",
    "Log a small company’s income and expenses": "Anotar los ingresos y gastos de una empresa pequeña",
    "Climb a tower to fix an antenna": "Subir a una torre para reparar una antena",
    "Research why honeybees are disappearing": "Investigar por qué desaparecen las abejas",
    "Paint a colorful mural on a hospital wall": "Pintar un mural colorido en la pared de un hospital",
    "Help a family apply for food assistance": "Ayudar a una familia a pedir asistencia alimentaria",
    "Manage the night shift at a restaurant": "Encargarse del turno de noche de un restaurante",
    "Follow a strict checklist to process loan forms": "Seguir una lista estricta para tramitar solicitudes de préstamo",
    "Repair a broken hospital bed": "Reparar una cama de hospital rota",
    "Keep track of which library books are checked out": "Llevar la cuenta de los libros prestados de una biblioteca",
    "Decide where a hotel chain opens next": "Decidir dónde abre una cadena de hoteles su próximo hotel",
    "Teach seniors to video call their families": "Enseñar a personas mayores a hacer videollamadas a su familia",
    "Decorate a birthday cake with sugar flowers": "Decorar un pastel de cumpleaños con flores de azúcar",
    "Investigate what started a warehouse fire": "Investigar qué causó el incendio de un almacén",
}


def add_spanish(apps, schema_editor):
    InterestItem = apps.get_model("interests", "InterestItem")
    for item in InterestItem._base_manager.filter(text_en__in=list(SPANISH)):
        if not item.text_es:
            item.text_es = SPANISH[item.text_en]
            item.save(update_fields=["text_es"])


class Migration(migrations.Migration):
    dependencies = [("interests", "0004_english_text_kept")]

    operations = [migrations.RunPython(add_spanish, migrations.RunPython.noop)]
