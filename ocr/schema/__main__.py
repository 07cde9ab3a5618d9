from ocr.schema import main

main()
